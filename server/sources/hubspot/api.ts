import type { z } from 'zod';

export const DEFAULT_HUBSPOT_API = 'https://api.hubapi.com';

/** Where HubSpot is: `COALFACE_HUBSPOT_API` (tests point it at a local server), else HubSpot's API. */
export const hubspotBaseUrl = (env: NodeJS.ProcessEnv = process.env) =>
  (env.COALFACE_HUBSPOT_API || DEFAULT_HUBSPOT_API).replace(/\/+$/, '');

/** HubSpot answered with an error status (after any 429 retries), or with a body we do not understand. */
export class HubspotError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface HubspotClient {
  get<T>(path: string, query: Record<string, string | number | undefined>, shape: z.ZodType<T>): Promise<T>;
  post<T>(path: string, body: unknown, shape: z.ZodType<T>): Promise<T>;
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  sleep?: (ms: number) => Promise<void>;
  /** 429 answers retried per request before giving up (the next sync resumes from the cursor). */
  maxRetries?: number;
  /** The longest wait honoured for one 429 or an exhausted window. */
  maxWaitMs?: number;
  timeoutMs?: number;
}

const sleepFor = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

function numberHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** How long a 429 asks us to wait: `Retry-After` (seconds), else the rate-limit window, else 10 s. */
function retryDelayMs(headers: Headers): number {
  const seconds = numberHeader(headers, 'retry-after');
  if (seconds !== undefined) return seconds * 1000;
  return numberHeader(headers, 'x-hubspot-ratelimit-interval-milliseconds') ?? 10_000;
}

/** HubSpot's error bodies carry a `message`; keep a short one for the source's last errors. */
async function errorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message.slice(0, 200);
  } catch {}
  return text.slice(0, 200);
}

/**
 * Calls HubSpot with a private app token. A 429 waits as long as HubSpot says and retries (a bounded
 * number of times); when the window's remaining calls run out the next call waits for the window.
 * Every body is checked against its documented shape.
 */
export function hubspotClient(options: ClientOptions): HubspotClient {
  const sleep = options.sleep ?? sleepFor;
  const maxRetries = options.maxRetries ?? 4;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  let waitBeforeNext = 0;

  async function call<T>(method: 'GET' | 'POST', url: string, body: unknown, shape: z.ZodType<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (waitBeforeNext > 0) {
        await sleep(Math.min(waitBeforeNext, maxWaitMs));
        waitBeforeNext = 0;
      }
      const response = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${options.token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      if (response.status === 429) {
        await response.body?.cancel();
        if (attempt >= maxRetries)
          throw new HubspotError(429, `HubSpot still rate-limited after ${maxRetries} retries; the next sync resumes`);
        await sleep(Math.min(retryDelayMs(response.headers), maxWaitMs));
        continue;
      }
      // The window's last call: the next one waits for the window to pass rather than meet a 429.
      if (numberHeader(response.headers, 'x-hubspot-ratelimit-remaining') === 0)
        waitBeforeNext = numberHeader(response.headers, 'x-hubspot-ratelimit-interval-milliseconds') ?? 0;
      if (!response.ok) throw new HubspotError(response.status, await errorText(response));
      const parsed = shape.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HubspotError(
          502,
          `HubSpot's answer to ${method} ${new URL(url).pathname} is not the documented shape (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unreadable'})`,
        );
      }
      return parsed.data;
    }
  }

  return {
    get(path, query, shape) {
      const url = new URL(`${options.baseUrl}${path}`);
      for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
      return call('GET', url.toString(), undefined, shape);
    },
    post(path, body, shape) {
      return call('POST', `${options.baseUrl}${path}`, body, shape);
    },
  };
}
