import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/sources/hubspot');

/** A HubSpot fixture with `{{RUN}}`, `{{NOW-<min>}}` (ISO) and `"{{MS-<min>}}"` (epoch ms) filled in. */
export function hubspotFixture<T>(name: string, run: string, now = Date.now()): T {
  const text = readFileSync(resolve(FIXTURES, name), 'utf8')
    .replace(/"\{\{MS-(\d+)\}\}"/g, (_, m: string) => String(now - Number(m) * 60_000))
    .replace(/\{\{NOW-(\d+)\}\}/g, (_, m: string) => new Date(now - Number(m) * 60_000).toISOString())
    .replace(/\{\{RUN\}\}/g, run);
  return JSON.parse(text) as T;
}

type Json = Record<string, unknown>;
export interface Scripted {
  /** Answers the next `times` requests whose path starts with this. */
  path: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
}

export interface FakeHubspot {
  url: string;
  token: string;
  requests: { method: string; path: string; query: URLSearchParams; body: Json | null }[];
  /** What the next matching requests get instead of data (a 429, a 401). */
  script: Scripted[];
  /** Each answer waits this long first (to keep a sync running while another starts). */
  delayMs: number;
  data: { emailEvents: Json[]; campaign: Json; forms: Json[]; submissions: Record<string, Json[]>; contacts: Json[] };
  close(): Promise<void>;
}

/** Small pages, so a few fixture items span several. */
const PAGE = 2;
const RATE_HEADERS = {
  'X-HubSpot-RateLimit-Max': '190',
  'X-HubSpot-RateLimit-Remaining': '189',
  'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
};

function page<T>(items: T[], after: string | null) {
  const start = after ? Number(Buffer.from(after, 'base64url').toString()) : 0;
  const next = start + PAGE < items.length ? Buffer.from(String(start + PAGE)).toString('base64url') : undefined;
  return { slice: items.slice(start, start + PAGE), next };
}

const millis = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : Number(v));

/**
 * HubSpot's endpoints the sync calls, answering in the documented shapes from the fixtures: the
 * Email Events API (offset/hasMore), forms and their submissions (paging.next.after, newest first),
 * CRM contact search (filters on lastmodifieddate, sorted, paged), with the rate-limit headers.
 */
export async function startFakeHubspot(run: string, token = 'pat-na1-11111111-2222-3333-4444-555555555555') {
  const fake: FakeHubspot = {
    url: '',
    token,
    requests: [],
    script: [],
    delayMs: 0,
    data: {
      emailEvents: hubspotFixture('email-events.json', run),
      campaign: hubspotFixture('email-campaign.json', run),
      forms: hubspotFixture('forms.json', run),
      submissions: hubspotFixture('submissions.json', run),
      contacts: hubspotFixture('contacts.json', run),
    },
    close: async () => {},
  };

  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8', ...RATE_HEADERS, ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

  function route(method: string, path: string, q: URLSearchParams, body: Json | null): [number, unknown] {
    if (method === 'GET' && path === '/email/public/v1/events') {
      const since = Number(q.get('startTimestamp') ?? 0);
      const newestFirst = fake.data.emailEvents
        .filter((e) => Number(e.created) >= since)
        .sort((a, b) => Number(b.created) - Number(a.created));
      const { slice, next } = page(newestFirst, q.get('offset'));
      return [200, { hasMore: next !== undefined, offset: next ?? 'end', events: slice }];
    }
    if (method === 'GET' && path.startsWith('/email/public/v1/campaigns/')) {
      return String(fake.data.campaign.id) === path.split('/').at(-1)
        ? [200, fake.data.campaign]
        : [404, { status: 'error', message: 'Campaign not found', category: 'OBJECT_NOT_FOUND' }];
    }
    if (method === 'GET' && path === '/marketing/v3/forms') {
      const { slice, next } = page(fake.data.forms, q.get('after'));
      return [200, { results: slice, ...(next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}) }];
    }
    const form = /^\/form-integrations\/v1\/submissions\/forms\/([^/]+)$/.exec(path);
    if (method === 'GET' && form) {
      const all = [...(fake.data.submissions[decodeURIComponent(form[1] ?? '')] ?? [])].sort(
        (a, b) => Number(b.submittedAt) - Number(a.submittedAt),
      );
      const { slice, next } = page(all, q.get('after'));
      return [200, { results: slice, ...(next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}) }];
    }
    if (method === 'POST' && path === '/crm/v3/objects/contacts/search') {
      const filters = ((body?.filterGroups as Json[] | undefined)?.[0]?.filters ?? []) as Json[];
      const gte = filters.find((f) => f.propertyName === 'lastmodifieddate' && f.operator === 'GTE');
      const since = gte ? Number(gte.value) : 0;
      const modified = (c: Json) => millis((c.properties as Json).lastmodifieddate);
      const matching = fake.data.contacts
        .filter((c) => modified(c) >= since && (c.properties as Json).lifecyclestage)
        .sort((a, b) => modified(a) - modified(b));
      const { slice, next } = page(matching, (body?.after as string | undefined) ?? null);
      return [
        200,
        { total: matching.length, results: slice, ...(next ? { paging: { next: { after: next, link: '' } } } : {}) },
      ];
    }
    return [404, { status: 'error', message: `No route ${method} ${path}`, category: 'OBJECT_NOT_FOUND' }];
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Json) : null;
    fake.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body });
    if (fake.delayMs > 0) await new Promise((done) => setTimeout(done, fake.delayMs));
    const scripted = fake.script.find((s) => url.pathname.startsWith(s.path) && (s.times ?? 1) > 0);
    if (scripted) {
      scripted.times = (scripted.times ?? 1) - 1;
      return answer(res, scripted.status, scripted.body ?? { status: 'error', message: 'scripted' }, scripted.headers);
    }
    if (req.headers.authorization !== `Bearer ${fake.token}`) {
      return answer(res, 401, {
        status: 'error',
        message:
          'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
        correlationId: 'a43683b0-5717-4ceb-80b4-104d02915d8c',
        category: 'INVALID_AUTHENTICATION',
      });
    }
    const [status, out] = route(req.method ?? 'GET', url.pathname, url.searchParams, body);
    answer(res, status, out);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, 500, { status: 'error', message: 'fake failed' }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return fake;
}
