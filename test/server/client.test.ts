// The typed client (lib/client) against the real endpoint: every declared route called through it,
// its answer checked against the schema declared for its status; path parameters encoded, the query
// serialised, and each kind of failure handed back typed.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { answered, type CallResult, type Client, createClient } from '../../lib/client/client.ts';
import { prepareRequest } from '../../lib/client/request.ts';
import type { CallArgs } from '../../lib/client/types.ts';
import type { Role } from '../../lib/contract/common.ts';
import { type Operation, routes } from '../../lib/contract/routes.ts';
import { ifMatch } from '../../lib/contract/version-tag.ts';
import { CONSOLE_DIST } from '../../server/routes/console.ts';
import { giveDemoStory } from '../../server/seed/demo-story.ts';
import { signFor } from '../../server/sources/signature.ts';
import { createSsoProviderStore } from '../../server/store/sso-providers.ts';
import { startOidcProvider } from '../support/oidc-provider.ts';
import { demoMessage, sha256, startTestServer, type TestServer } from './helpers.ts';
import { addSource } from './sources-helpers.ts';

const LEAD = 'client.test@acme.example';
const CAMPAIGN = { key: 'client:test.campaign', name: 'Client test', status: 'active', message: demoMessage } as const;
const VERDICT = {
  id: '5f0b7c7e-1c1a-4c3e-9d55-0a6f3f1b2c01',
  target: { kind: 'campaignMessage', id: CAMPAIGN.key },
  verdict: 'landed',
  lead: { emailHash: sha256(LEAD) },
  occurredAt: new Date().toISOString(),
} as const;

let server: TestServer;
let pointId = '';
const as = (role?: Role): Client => createClient({ baseUrl: server.url, token: role && server.tokens[role] });
const marketer = () => as('marketer');

beforeAll(async () => {
  server = await startTestServer();
  answered(await as('admin').call(routes.upsertLeads, { body: { leads: [{ email: LEAD, name: 'Client Test' }] } }));
  const event = { id: 'client-test-1', email: LEAD, type: 'page_view', occurredAt: new Date().toISOString() } as const;
  answered(await as('admin').call(routes.ingestEvents, { body: { events: [event] } }));
  answered(await marketer().call(routes.putCampaign, { body: CAMPAIGN }));
  const point = { campaign: CAMPAIGN.key, title: 'Ask about budgets', body: 'When is next year set?' };
  pointId = answered(await marketer().call(routes.createTalkingPoint, { body: point })).id;
});
afterAll(() => server.close());

/** The first role the route lets in, a marketer where it may; none for public routes. */
function roleFor(route: Operation): Role | undefined {
  if (route.access === 'public') return undefined;
  return route.access.includes('marketer') ? 'marketer' : route.access[0];
}

/** The name of a file the built console serves, when it is built. */
function builtAsset(): string | undefined {
  const dir = join(CONSOLE_DIST, 'assets');
  return existsSync(dir) ? readdirSync(dir)[0] : undefined;
}

const current = {
  campaign: async () => answered(await marketer().call(routes.getCampaign, { params: { key: CAMPAIGN.key } })),
  point: async () => answered(await marketer().call(routes.getTalkingPoint, { params: { id: pointId } })),
  funnel: async () => answered(await marketer().call(routes.getFunnel)),
};

/** A valid request for every declared route; a route added to the table without one does not compile. */
const requests: { [K in keyof typeof routes]: () => Promise<CallArgs<(typeof routes)[K]>> } = {
  health: async () => [],
  ready: async () => [],
  openapi: async () => [],
  console: async () => [],
  consoleAsset: async () => [{ params: { name: builtAsset() ?? routes.consoleAsset.params.name.example } }],
  me: async () => [],
  authProviders: async () => [],
  // A real provider for the one test, connected as `sso add` would, and an ID token it signed.
  createSession: async () => {
    const person = { sub: 'u-client', email: 'client.sso@acme.example', name: 'Client SSO' };
    const provider = await startOidcProvider({
      clients: [{ clientId: 'coalface-client-test', redirectUris: ['http://127.0.0.1:8787/console/'] }],
      accounts: [person],
    });
    onTestFinished(() => provider.close());
    await createSsoProviderStore(server.store.db).add(
      {
        issuer: provider.issuer,
        clientId: 'coalface-client-test',
        name: 'Test provider',
        defaultRole: 'rep',
        roleClaim: null,
        roleMap: {},
        allowedDomains: [],
      },
      new Date().toISOString(),
    );
    return [{ body: { idToken: await provider.idToken(person, 'coalface-client-test') } }];
  },
  listSessions: async () => [{ query: { email: 'client.sso@acme.example' } }],
  revokeSession: async () => {
    const grant = {
      role: 'rep',
      name: 'Revoked',
      email: 'r@acme.example',
      issuer: 'https://idp.example',
      subject: 's',
    } as const;
    const now = new Date();
    const made = await server.store.tokens.createSession(
      grant,
      now.toISOString(),
      new Date(+now + 3_600_000).toISOString(),
    );
    return [{ params: { id: made.id } }];
  },
  lookup: async () => [{ body: { leads: [{ email: LEAD }, { emailHash: sha256('nobody@acme.example') }] } }],
  timelinePage: async () => [{ query: { emailHash: sha256(LEAD), limit: 10 } }],
  giveFeedback: async () => [{ body: VERDICT }],
  withdrawFeedback: async () => [{ params: { id: VERDICT.id } }],
  listFeedback: async () => [{ query: { limit: 5, targetKind: 'campaignMessage' } }],
  feedbackSummary: async () => [{ query: { include: 'unjudged' } }],
  recordUsage: async () => [
    {
      body: {
        id: '5f0b7c7e-1c1a-4c3e-9d55-0a6f3f1b2c02',
        action: 'copied',
        target: { kind: 'talkingPoint', id: pointId },
        lead: { emailHash: sha256(LEAD) },
        occurredAt: new Date().toISOString(),
      },
    },
  ],
  overview: async () => [],
  markNotesRead: async () => [{ body: { upTo: new Date().toISOString() } }],
  changes: async () => [{ query: { since: '0' } }],
  stream: async () => [{ headers: { 'Last-Event-ID': '0' } }],
  listCampaigns: async () => [],
  putCampaign: async () => [{ body: CAMPAIGN }],
  getCampaign: async () => [{ params: { key: CAMPAIGN.key } }],
  patchCampaign: async () => [
    {
      params: { key: CAMPAIGN.key },
      body: { name: 'Client test, renamed' },
      headers: ifMatch((await current.campaign()).version),
    },
  ],
  listTalkingPoints: async () => [{ query: { status: 'draft', limit: 10 } }],
  createTalkingPoint: async () => [{ body: { title: 'Another point', body: 'Its body.' } }],
  getTalkingPoint: async () => [{ params: { id: pointId } }],
  patchTalkingPoint: async () => [
    {
      params: { id: pointId },
      body: { status: 'live' },
      headers: ifMatch((await current.point()).version),
    },
  ],
  getFunnel: async () => [],
  replaceFunnel: async () => {
    const funnel = await current.funnel();
    return [{ body: { stages: funnel.stages }, headers: ifMatch(funnel.version) }];
  },
  signFunnel: async () => [{ body: { version: (await current.funnel()).version } }],
  funnelHistory: async () => [],
  funnelMetrics: async () => [{ query: { weeks: 4 } }],
  listDemoStories: async () => [],
  giveDemoStory: async () => [{ body: { email: 'client.demo@their-company.example' } }],
  removeDemoStory: async () => {
    await giveDemoStory(server.store, 'removed.demo@their-company.example');
    return [{ params: { email: 'removed.demo@their-company.example' } }];
  },
  upsertLeads: async () => [{ body: { leads: [{ email: LEAD, title: 'VP Finance' }] } }],
  ingestEvents: async () => [
    {
      body: {
        events: [{ id: 'client-test-2', email: LEAD, type: 'email_open', occurredAt: new Date().toISOString() }],
      },
    },
  ],
  previewImport: async () => [
    { query: { kind: 'leads', map: ['Job Title=title'] }, body: `Email,Job Title\n${LEAD},CFO\n` },
  ],
  runImport: async () => [
    {
      query: { kind: 'leads', timezone: 'Europe/Berlin', filename: 'leads.csv' },
      body: new TextEncoder().encode(`email,title\n${LEAD},CFO\n`),
    },
  ],
  listSources: async () => [],
  mapSourceEvent: async () => {
    const source = await addSource(server.store, 'segment');
    return [{ params: { id: source.id, eventName: 'Pricing Calculator Used' }, body: { type: 'content_download' } }];
  },
  // An empty signed push: the check a tool's "test the connection" makes.
  segmentSource: async () => {
    const source = await addSource(server.store, 'segment');
    return [{ params: { id: source.id }, headers: signFor('segment', source.secret, '') as { 'X-Signature': string } }];
  },
  mauticSource: async () => {
    const source = await addSource(server.store, 'mautic');
    return [
      { params: { id: source.id }, headers: signFor('mautic', source.secret, '') as { 'Webhook-Signature': string } },
    ];
  },
};

/** Calls any declared route: the table's names and request types are checked above, one by one. */
function callAny(client: Client, route: Operation, args: readonly unknown[]): Promise<CallResult<Operation>> {
  return client.call(route, ...(args as CallArgs<Operation>));
}

describe('the typed client', () => {
  it.each(Object.keys(routes) as (keyof typeof routes)[])('calls %s and its answer validates', async (name) => {
    const route: Operation = routes[name];
    const result = await callAny(as(roleFor(route)), route, await requests[name]());
    if (name === 'console' && !result.ok && result.status === 503) return; // the console is not built here
    if (name === 'consoleAsset' && !builtAsset()) {
      expect(result).toMatchObject({ ok: false, reason: 'refused', status: 404, problem: null });
      return;
    }
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    if (!result.ok) return;
    const declared = route.responses[result.status];
    expect(declared, `${name} answered ${result.status}`).toBeDefined();
    if (declared?.schema) {
      expect(declared.schema.safeParse(result.data).success).toBe(true);
      return;
    }
    // A body without a schema comes back unread: the page, the file, the event stream, the document.
    expect(result.data).toBe(result.response);
    const type = result.response.headers.get('content-type') ?? '';
    if (declared?.contentType && declared.contentType !== '*/*') expect(type).toContain(declared.contentType);
    await result.response.body?.cancel();
  });

  it('encodes path parameters, so a value never reaches another route', async () => {
    const taken = prepareRequest(routes.getTalkingPoint, { params: { id: 'a/b c?d#e' } });
    expect(taken.path).toBe('/v1/talking-points/a%2Fb%20c%3Fd%23e');
    const campaign = await marketer().call(routes.getCampaign, { params: { key: CAMPAIGN.key } });
    expect(campaign).toMatchObject({ ok: true, data: { key: CAMPAIGN.key } });
    const outside = await marketer().call(routes.getTalkingPoint, { params: { id: '../../me' } });
    expect(outside).toMatchObject({ ok: false, reason: 'refused', status: 404, problem: { status: 404 } });
  });

  it('serialises the query in the order given, leaving out absent values', () => {
    const { path, init } = prepareRequest(
      routes.listFeedback,
      { query: { targetKind: 'talkingPoint', targetId: 'tp 1&x', limit: 50, cursor: undefined } },
      'cf_token',
    );
    expect(path).toBe('/v1/feedback?targetKind=talkingPoint&targetId=tp+1%26x&limit=50');
    expect(init).toEqual({ method: 'GET', headers: { Accept: 'application/json', Authorization: 'Bearer cf_token' } });
    expect(prepareRequest(routes.changes, { query: { since: undefined } }).path).toBe('/v1/changes');
  });

  it('sends only the headers a route declares', () => {
    const stream = prepareRequest(routes.stream, { headers: { 'Last-Event-ID': '42' } });
    expect(stream.init.headers).toEqual({ Accept: 'text/event-stream', 'Last-Event-ID': '42' });
    expect(() => prepareRequest(routes.me, { headers: { 'X-Anything': 'no' } })).toThrow(/declares no X-Anything/);
  });

  it('hands a refusal back as a typed problem, with the response for its headers', async () => {
    const forbidden = await as('rep').call(routes.listCampaigns);
    expect(forbidden).toMatchObject({ ok: false, reason: 'refused', status: 403, problem: { status: 403 } });
    const taken = await marketer().call(routes.putCampaign, { body: CAMPAIGN, headers: { 'If-None-Match': '*' } });
    expect(taken).toMatchObject({ ok: false, reason: 'refused', status: 412 });
    if (taken.ok || taken.reason !== 'refused') return;
    expect(taken.problem?.type).toMatch(/key-taken$/);
    expect(taken.response.headers.get('content-type')).toBe('application/problem+json');
    const anonymous = await as().call(routes.me);
    expect(anonymous).toMatchObject({ ok: false, status: 401, problem: { status: 401 } });
    await expect(Promise.resolve(anonymous).then(answered)).rejects.toThrow(/answered 401/);
  });

  it('says when the endpoint cannot be reached, and when an answer is not in its declared shape', async () => {
    const away = await createClient({ baseUrl: 'http://127.0.0.1:9', token: 'x' }).call(routes.me);
    expect(away).toMatchObject({ ok: false, reason: 'unreachable', status: null });
    const odd = createClient({ baseUrl: server.url, fetch: async () => Response.json({ name: 'no role' }) });
    const unexpected = await odd.call(routes.getTalkingPoint, { params: { id: 'tp_1' } });
    expect(unexpected).toMatchObject({ ok: false, reason: 'unexpected', status: 200, path: '/v1/talking-points/tp_1' });
    const undeclared = createClient({ baseUrl: server.url, fetch: async () => new Response(null, { status: 204 }) });
    expect(await undeclared.call(routes.me)).toMatchObject({ ok: false, reason: 'unexpected', status: 204 });
  });
});
