import { z } from 'zod';
import { AuthProviders, Session, SessionList, SessionListQuery, SessionRequest } from './auth.ts';
import { AllCampaigns, Campaign, CampaignInput, CampaignPatch } from './campaigns.ts';
import { ChangesPage, ChangesQuery } from './changes.ts';
import type { Role } from './common.ts';
import { DemoStory, DemoStoryList, DemoStoryRequest } from './demo-stories.ts';
import { EngagementEventInput, EventsIngestRequest } from './events.ts';
import {
  Feedback,
  FeedbackInput,
  FeedbackListQuery,
  FeedbackPage,
  FeedbackSummary,
  FeedbackSummaryQuery,
} from './feedback.ts';
import { Funnel, FunnelHistory, FunnelInput, FunnelMetrics, FunnelMetricsQuery, FunnelSignRequest } from './funnel.ts';
import { ImportPreview, ImportQuery, ImportResult, MAX_IMPORT_BYTES } from './imports.ts';
import { BatchResult, LeadInput, LeadsUpsertRequest, MAX_BATCH } from './leads.ts';
import { LookupRequest, LookupResponse, TimelinePage, TimelinePageQuery } from './lookup.ts';
import { Health, Me, Readiness } from './me.ts';
import { NotesReadInput, NotesReadResult, Overview } from './overview.ts';
import { SourceList, SourceMappingInput, SourceMappingResult, SourceReceipt } from './sources.ts';
import {
  TalkingPoint,
  TalkingPointInput,
  TalkingPointListQuery,
  TalkingPointPage,
  TalkingPointPatch,
} from './talking-points.ts';
import { Usage, UsageInput } from './usage.ts';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** Who may call: anyone (no token), or exactly the listed roles (a token is needed). */
export type Access = 'public' | readonly Role[];

export interface SuccessResponse {
  description: string;
  /** JSON body (output side of the schema). Absent for 204 or non-JSON bodies. */
  schema?: z.ZodType;
  /** Non-JSON success bodies: the console page, the event stream. */
  contentType?: 'text/html' | 'text/event-stream' | '*/*';
}

export interface PathParam {
  description: string;
  /** A sample value; the tests put it in the path. */
  example: string;
}

/**
 * Which of the token's buckets a call takes from (each token has one per class, so a burst of
 * lookups does not block a rep's feedback), and what it costs: one unit, or one per lead asked for.
 * `null`: not rate-limited (public pages).
 */
/**
 * `source`: a push from a connected tool, which sends a signature, not a token: limited per source
 * (its URL) rather than per sender address, so a tool's own burst is not taken for token guessing.
 */
export type RateRule =
  | { bucket: 'read' | 'write' }
  | { bucket: 'lookup'; unitsPer: 'lead' }
  | { bucket: 'source' }
  | null;

export interface RouteDeclaration {
  method: Method;
  /** OpenAPI form: `/v1/talking-points/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  access: Access;
  /** The 403's detail for a role not in `access`, where "this needs an X token" would not say why. */
  refusal?: string;
  /** JSON request body (input side of the schema): documented, and what clients send. */
  body?: z.ZodType;
  /**
   * What the server checks the body against when it is looser than `body`: a batch's envelope, whose
   * items are then checked one by one so that a bad one is reported by index and the good ones kept.
   */
  checkedAs?: z.ZodType;
  /**
   * A body taken as bytes, not JSON (a CSV file): the media types accepted (others are a 415), the one
   * clients send, and what it is. The handler reads it; `body` is then absent.
   */
  rawBody?: { contentTypes: readonly [string, ...string[]]; description: string };
  /** The largest body taken, in bytes; a route without a body takes the server's default (16 KiB). */
  bodyLimit?: number;
  /** What to do instead when the body is over `bodyLimit` (the 413's advice); "split it into smaller requests" when absent. */
  overLimitAdvice?: string;
  /** Query parameters, one per key of this object schema (strict: an unknown one is a 422). */
  query?: z.ZodObject;
  params?: Readonly<Record<string, PathParam>>;
  /** Request headers beyond Authorization and Content-Type (If-Match, If-None-Match, Last-Event-ID). */
  headers?: Readonly<Record<string, string>>;
  responses: Readonly<Record<number, SuccessResponse>>;
  /** Error statuses this route can answer with besides the ones every /v1 route has. */
  errors?: readonly number[];
  rate: RateRule;
}

/** A declared route with its name, the key it has in `routes` (and its OpenAPI operationId). */
export type Operation = RouteDeclaration & { operationId: string };

const KiB = 1024;
const MiB = 1024 * KiB;

const ALL = ['rep', 'manager', 'marketer', 'admin'] as const;
const MARKETERS = ['marketer', 'admin'] as const;
/** Sales managers read the team's feedback and edit the funnel alongside marketers. */
const MANAGERS_AND_MARKETERS = ['manager', 'marketer', 'admin'] as const;
const ADMIN = ['admin'] as const;

const READ = { bucket: 'read' } as const;
const WRITE = { bucket: 'write' } as const;
const SOURCE = { bucket: 'source' } as const;

/** Why a rep or an admin may not sign the funnel. */
export function cannotSignFunnel(role: 'rep' | 'admin'): string {
  return (
    `${role === 'admin' ? 'An admin' : 'A rep'} token cannot sign the funnel: a marketer signs for marketing and ` +
    'a sales manager (manager token) signs for sales.'
  );
}

/** Batch items are checked one by one (bad ones reported by index, good ones kept); documented as their item schema. */
export const LeadsBatch = z.strictObject({ leads: z.array(LeadInput).min(1).max(MAX_BATCH) });
export const EventsBatch = z.strictObject({ events: z.array(EngagementEventInput).min(1).max(MAX_BATCH) });
/** `GET /v1/stream?since=`: where to start when there is no `Last-Event-ID`. */
export const StreamQuery = ChangesQuery.pick({ since: true });
export type StreamQuery = z.infer<typeof StreamQuery>;

const IMPORT_BODY = {
  contentTypes: ['text/csv', 'application/octet-stream', 'text/plain', 'application/vnd.ms-excel'],
  description: 'The CSV file as exported, unchanged (UTF-8 or Windows-1252; comma, semicolon or tab).',
} as const;
const IMPORT_OVER_LIMIT = 'import a larger file with `npm run server -- import` on the server';
const RECEIPT =
  'Received: the items are in the inbox (durable) and queued for mapping, done shortly after the answer; what mapping made of them is on `GET /v1/sources`. An item already received is counted in `duplicates`, not queued again.';
const IF_MATCH = 'The version you edited, as `"<version>"`; a different stored version answers 412.';
const campaignKey = { key: { description: 'The campaign key.', example: 'q4-cloud-savings' } };
const pointId = { id: { description: 'The talking point id.', example: 'tp_missing' } };
const sourceId = { id: { description: 'The source id, from `source add`.', example: 'src_0000000000000000' } };
const feedbackId = { id: { description: 'The feedback id.', example: '00000000-0000-4000-8000-000000000000' } };

type Named<T> = { readonly [K in keyof T]: T[K] & { readonly operationId: K & string } };

/** Gives each declaration its key as `operationId`, keeping every literal type for the typed client. */
function named<const T extends Readonly<Record<string, RouteDeclaration>>>(declared: T): Named<T> {
  return Object.fromEntries(
    Object.entries(declared).map(([operationId, r]) => [operationId, { ...r, operationId }]),
  ) as Named<T>;
}

/**
 * Every route of the endpoint, declared once: who may call it, what it takes and answers, its body
 * limit and rate rule. The server registers one handler per declaration and applies all of these
 * from it; `/openapi.json` is generated from it; clients are typed from it (`typeof routes.lookup`).
 * Body limits are sized on what each route takes: a lookup (20 lead references) or a verdict (a
 * 2,000-character note) is a few KB; a campaign, talking point or funnel edit tens of KB at its
 * longest; a realistic 5,000-item batch (`test/server/realistic-batches.ts`) 2.6 MB of leads and
 * 2.0 MB of events, and the ingest limits leave about twice that.
 */
export const routes = named({
  health: {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    tags: ['meta'],
    access: 'public',
    rate: null,
    responses: {
      200: { description: 'The process is up (it may not reach its database: see /readyz).', schema: Health },
    },
  },
  ready: {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness',
    description:
      'For a load balancer: 200 when the database answers and its schema is at least the version this server needs; ' +
      'otherwise 503 with Retry-After (send traffic elsewhere meanwhile).',
    tags: ['meta'],
    access: 'public',
    rate: null,
    responses: { 200: { description: 'Ready for traffic.', schema: Readiness } },
  },
  openapi: {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tags: ['meta'],
    access: 'public',
    rate: null,
    responses: { 200: { description: 'The OpenAPI 3.1 description of the endpoint.' } },
  },
  console: {
    method: 'get',
    path: '/console',
    summary: 'The marketer console (web page)',
    description: 'The page itself is public; it asks for a marketer token and calls the API with it.',
    tags: ['console'],
    access: 'public',
    rate: null,
    responses: {
      200: { description: 'The console page (503, as HTML, until the console is built).', contentType: 'text/html' },
    },
  },
  consoleAsset: {
    method: 'get',
    path: '/console/assets/{name}',
    summary: "The console's scripts, styles and images",
    description:
      'Immutable, content-hashed names. An unknown name is a plain-text 404 (this is the web page, not the API).',
    tags: ['console'],
    access: 'public',
    rate: null,
    params: { name: { description: 'A file name from the built console.', example: 'index-missing.js' } },
    responses: { 200: { description: 'The file.', contentType: '*/*' } },
  },
  me: {
    method: 'get',
    path: '/v1/me',
    summary: 'Who am I',
    tags: ['identity'],
    access: ALL,
    rate: READ,
    responses: { 200: { description: 'The caller behind the token.', schema: Me } },
  },
  authProviders: {
    method: 'get',
    path: '/v1/auth/providers',
    summary: 'Identity providers to sign in with',
    description:
      'The OpenID Connect providers connected with `sso add`, with what a client needs to start the authorization code flow with PKCE. No token needed: the extension and the console ask before anyone is signed in.',
    tags: ['identity'],
    access: 'public',
    rate: null,
    responses: { 200: { description: 'The providers (none: sign in with an access token).', schema: AuthProviders } },
  },
  createSession: {
    method: 'post',
    path: '/v1/sessions',
    summary: "Sign in: exchange a provider's ID token (or authorization code) for a session",
    description:
      "Two forms. `{idToken}`: the client redeemed the code at the provider itself (the provider's `codeExchange` is `browser`). `{providerId, code, codeVerifier, redirectUri, nonce}`: for a provider whose `codeExchange` is `endpoint`, the endpoint redeems the code at the provider's token endpoint with the client secret from `sso add --client-secret-file` (HTTP Basic, or in the body when the provider takes only `client_secret_post`); the redirect URI must be `https://<id>.chromiumapp.org/`, `https://<id>.extensions.allizom.org/` or this endpoint's own `/console/`, and the returned ID token's `nonce` must equal `nonce`. A code the provider refuses (`invalid_grant`…) is a 401 naming the provider's `error`. Either way the ID token is verified (the provider's signature with its published keys, issuer, audience, expiry, issue time, not-before, a verified email, an allowed domain); the role comes from the provider's role claim mapping, else its default role. The session token works like an access token and expires within 12 hours; sign in again (silently, at the provider) to renew it. Each refusal is a 401 that says which check failed; a provider whose keys or token endpoint cannot be reached right now is a 503 with Retry-After.",
    tags: ['identity'],
    access: 'public',
    rate: null,
    body: SessionRequest,
    bodyLimit: 32 * KiB,
    responses: { 201: { description: 'Signed in.', schema: Session } },
    errors: [401, 503],
  },
  listSessions: {
    method: 'get',
    path: '/v1/sessions',
    summary: "Signed-in sessions (an admin's view)",
    tags: ['identity'],
    access: ADMIN,
    rate: READ,
    query: SessionListQuery,
    responses: { 200: { description: 'Sessions, newest first; never their tokens.', schema: SessionList } },
  },
  revokeSession: {
    method: 'delete',
    path: '/v1/sessions/{id}',
    summary: 'Sign a session out (takes effect on its next request)',
    tags: ['identity'],
    access: ADMIN,
    rate: WRITE,
    params: { id: { description: 'The session id, from `GET /v1/sessions`.', example: 'ses_0000000000000000' } },
    responses: { 204: { description: 'Revoked (or already revoked).' } },
    errors: [404],
  },
  lookup: {
    method: 'post',
    path: '/v1/context/lookup',
    summary: 'Context for up to 20 leads',
    description:
      'Per lead: profile, current campaign message, engagement summary and timeline, ranked talking points with reasons.',
    tags: ['reps'],
    access: ALL,
    rate: { bucket: 'lookup', unitsPer: 'lead' },
    body: LookupRequest,
    bodyLimit: 16 * KiB,
    responses: { 200: { description: 'One result per requested lead, in order.', schema: LookupResponse } },
  },
  timelinePage: {
    method: 'get',
    path: '/v1/leads/events',
    summary: "More of a lead's timeline",
    tags: ['reps'],
    access: ALL,
    rate: READ,
    query: TimelinePageQuery,
    responses: { 200: { description: 'Events older than `before`, newest first.', schema: TimelinePage } },
    errors: [404],
  },
  giveFeedback: {
    method: 'post',
    path: '/v1/feedback',
    summary: 'Record a verdict (idempotent by id)',
    tags: ['feedback'],
    access: ALL,
    rate: WRITE,
    body: FeedbackInput,
    bodyLimit: 16 * KiB,
    responses: {
      200: { description: 'This id was already stored with the same body.', schema: Feedback },
      201: { description: 'Stored.', schema: Feedback },
    },
  },
  withdrawFeedback: {
    method: 'delete',
    path: '/v1/feedback/{id}',
    summary: 'Take a verdict back (only its own rep, or an admin)',
    tags: ['feedback'],
    access: ALL,
    rate: WRITE,
    params: feedbackId,
    responses: { 200: { description: 'Withdrawn (or already withdrawn).', schema: Feedback } },
    errors: [403, 404],
  },
  listFeedback: {
    method: 'get',
    path: '/v1/feedback',
    summary: 'Verdicts, newest first',
    tags: ['feedback'],
    access: MANAGERS_AND_MARKETERS,
    rate: READ,
    query: FeedbackListQuery,
    responses: { 200: { description: 'A page of verdicts.', schema: FeedbackPage } },
  },
  feedbackSummary: {
    method: 'get',
    path: '/v1/feedback/summary',
    summary: "What landed and what didn't, per target",
    tags: ['feedback'],
    access: MANAGERS_AND_MARKETERS,
    rate: READ,
    query: FeedbackSummaryQuery,
    responses: { 200: { description: 'Tallies per target, segment and week.', schema: FeedbackSummary } },
  },
  recordUsage: {
    method: 'post',
    path: '/v1/usage',
    summary: 'Record that a rep copied or inserted a point or opened a call to action (idempotent by id)',
    description:
      'Which target, which lead (its hash) and when; never any text. The endpoint adds the rep (from the token) and ' +
      "the lead's stage and segments as it holds them when the use arrives (null and none for a lead it does not know).",
    tags: ['feedback'],
    access: ALL,
    rate: WRITE,
    body: UsageInput,
    bodyLimit: 16 * KiB,
    responses: {
      200: { description: 'This id was already stored with the same body.', schema: Usage },
      201: { description: 'Stored.', schema: Usage },
    },
  },
  overview: {
    method: 'get',
    path: '/v1/overview',
    summary: "This week against last, the worst-landing and unused live points, and the caller's unread notes",
    description:
      "The console's home page. Weeks are ISO weeks in UTC (Monday 00:00 to Monday 00:00; each week states its `from` and `to`): " +
      "verdicts, landed, didn't land, landed rate, uses, distinct points used, distinct reps using and new notes, all by when they happened. " +
      'The worst-landing live points have at least `minVerdicts` (5) verdicts over the last 28 days, lowest landed rate first; ' +
      'the unused ones are live points no rep copied or inserted in the last 14 days, longest live first. ' +
      "Unread notes are per reader (a session's email, or an access token): `POST /v1/notes/read` marks them.",
    tags: ['feedback'],
    access: MANAGERS_AND_MARKETERS,
    rate: READ,
    responses: { 200: { description: 'The overview, as of `generatedAt`.', schema: Overview } },
  },
  markNotesRead: {
    method: 'post',
    path: '/v1/notes/read',
    summary: "Mark reps' notes read, for the caller only",
    description:
      '`{"ids": [...]}` marks these notes (by their verdict id) read; `{"upTo": "<date-time>"}` every note received at or before it. ' +
      "Another reader's notes stay as they were. Idempotent; an id that is no note is ignored.",
    tags: ['feedback'],
    access: MANAGERS_AND_MARKETERS,
    rate: WRITE,
    body: NotesReadInput,
    bodyLimit: 16 * KiB,
    responses: {
      200: { description: 'Marked; how many notes the caller has still to read.', schema: NotesReadResult },
    },
  },
  changes: {
    method: 'get',
    path: '/v1/changes',
    summary: 'What changed since a cursor',
    tags: ['reps'],
    access: ALL,
    rate: READ,
    query: ChangesQuery,
    responses: { 200: { description: 'Changes after `since`, oldest first.', schema: ChangesPage } },
  },
  stream: {
    method: 'get',
    path: '/v1/stream',
    summary: 'The same changes, live (server-sent events), and which leads just got new engagement',
    description:
      'Starts after `Last-Event-ID`, else after `since`, else at the current cursor. Also sends `event: engagement` ' +
      'with a `LeadEngagement` (`{"emailHash", "at"}`) and no id, once per lead, when an event for it is stored by ' +
      '`POST /v1/engagement/events` or mapped from a connected source (or a source saves its profile), on any ' +
      "instance, from the stream's opening on: a sidebar showing that lead asks for its context again. Not replayed on reconnect.",
    tags: ['reps'],
    access: ALL,
    rate: READ,
    query: StreamQuery,
    headers: { 'Last-Event-ID': 'Resume after this cursor.' },
    responses: {
      200: {
        description: 'One `change` event per change, its `id` the cursor; `engagement` events without an id.',
        contentType: 'text/event-stream',
      },
    },
    errors: [422],
  },
  listCampaigns: {
    method: 'get',
    path: '/v1/campaigns',
    summary: 'Every campaign',
    tags: ['marketers'],
    access: MARKETERS,
    rate: READ,
    responses: { 200: { description: 'All campaigns by key.', schema: AllCampaigns } },
  },
  putCampaign: {
    method: 'post',
    path: '/v1/campaigns',
    summary: 'Create or replace a campaign by key',
    tags: ['marketers'],
    access: MARKETERS,
    rate: WRITE,
    headers: {
      'If-None-Match':
        '`*` creates only: when a campaign already has this key the answer is 412 (`key-taken`) and nothing is replaced.',
    },
    body: CampaignInput,
    bodyLimit: 128 * KiB,
    responses: {
      200: { description: 'Replaced.', schema: Campaign },
      201: { description: 'Created.', schema: Campaign },
    },
    errors: [412],
  },
  getCampaign: {
    method: 'get',
    path: '/v1/campaigns/{key}',
    summary: 'One campaign',
    tags: ['marketers'],
    access: MARKETERS,
    rate: READ,
    params: campaignKey,
    responses: { 200: { description: 'The campaign.', schema: Campaign } },
    errors: [404],
  },
  patchCampaign: {
    method: 'patch',
    path: '/v1/campaigns/{key}',
    summary: 'Edit a campaign',
    tags: ['marketers'],
    access: MARKETERS,
    rate: WRITE,
    params: campaignKey,
    headers: { 'If-Match': IF_MATCH },
    body: CampaignPatch,
    bodyLimit: 128 * KiB,
    responses: { 200: { description: 'The edited campaign.', schema: Campaign } },
    errors: [404, 412],
  },
  listTalkingPoints: {
    method: 'get',
    path: '/v1/talking-points',
    summary: 'Talking points, newest first',
    tags: ['marketers'],
    access: MARKETERS,
    rate: READ,
    query: TalkingPointListQuery,
    responses: { 200: { description: 'A page of talking points.', schema: TalkingPointPage } },
  },
  createTalkingPoint: {
    method: 'post',
    path: '/v1/talking-points',
    summary: 'Push a talking point',
    tags: ['marketers'],
    access: MARKETERS,
    rate: WRITE,
    body: TalkingPointInput,
    bodyLimit: 128 * KiB,
    responses: { 201: { description: 'Created; `Location` names it.', schema: TalkingPoint } },
  },
  getTalkingPoint: {
    method: 'get',
    path: '/v1/talking-points/{id}',
    summary: 'One talking point',
    tags: ['marketers'],
    access: MARKETERS,
    rate: READ,
    params: pointId,
    responses: { 200: { description: 'The point.', schema: TalkingPoint } },
    errors: [404],
  },
  patchTalkingPoint: {
    method: 'patch',
    path: '/v1/talking-points/{id}',
    summary: 'Edit, publish or retire a talking point',
    tags: ['marketers'],
    access: MARKETERS,
    rate: WRITE,
    params: pointId,
    headers: { 'If-Match': IF_MATCH },
    body: TalkingPointPatch,
    bodyLimit: 128 * KiB,
    responses: { 200: { description: 'The edited point.', schema: TalkingPoint } },
    errors: [404, 412],
  },
  getFunnel: {
    method: 'get',
    path: '/v1/funnel',
    summary: 'The funnel definition both teams sign',
    description:
      'The current version: ordered stages with definition, entry criteria, owning team and hand-off rule; who signed it and when; `agreed` when marketing and sales both signed this version.',
    tags: ['funnel'],
    access: ALL,
    rate: READ,
    responses: { 200: { description: 'The current definition; `ETag` is its version.', schema: Funnel } },
  },
  replaceFunnel: {
    method: 'put',
    path: '/v1/funnel',
    summary: 'Replace the funnel definition (a new version, signatures cleared)',
    description: 'If-Match is required (428 without it). The new version starts unsigned: both teams sign again.',
    tags: ['funnel'],
    access: MANAGERS_AND_MARKETERS,
    rate: WRITE,
    headers: { 'If-Match': IF_MATCH },
    body: FunnelInput,
    bodyLimit: 128 * KiB,
    responses: { 200: { description: 'The new current version.', schema: Funnel } },
    errors: [412, 428],
  },
  signFunnel: {
    method: 'post',
    path: '/v1/funnel/signatures',
    summary: 'Sign the current version for your team',
    description:
      "A marketer signs for marketing, a manager for sales; reps and admins cannot sign (403; an admin's body is checked first). Name the version you read: another version answers 409. A team's first signature on a version stands; signing again answers 200 with it unchanged.",
    tags: ['funnel'],
    // Admin is let through so that its requests are checked in full; a well-formed admin signature is a 403.
    access: MANAGERS_AND_MARKETERS,
    refusal: cannotSignFunnel('rep'),
    rate: WRITE,
    body: FunnelSignRequest,
    bodyLimit: 16 * KiB,
    responses: {
      200: { description: 'Your team had already signed this version.', schema: Funnel },
      201: { description: 'Signed.', schema: Funnel },
    },
    errors: [409],
  },
  funnelHistory: {
    method: 'get',
    path: '/v1/funnel/history',
    summary: 'Every version of the funnel: who changed what, when, and who signed',
    tags: ['funnel'],
    access: ALL,
    rate: READ,
    responses: { 200: { description: 'Versions, newest first.', schema: FunnelHistory } },
  },
  funnelMetrics: {
    method: 'get',
    path: '/v1/funnel/metrics',
    summary: 'Leads per stage, entered and left per week, median time in stage, conversion',
    description:
      'Computed from the lifecycle-stage changes lead upserts bring (`POST /v1/leads`). Definitions in docs/funnel.md.',
    tags: ['funnel'],
    access: ALL,
    rate: READ,
    query: FunnelMetricsQuery,
    responses: { 200: { description: 'Per stage of the current definition, in its order.', schema: FunnelMetrics } },
  },
  listDemoStories: {
    method: 'get',
    path: '/v1/demo-stories',
    summary: "Addresses given a demo lead's story (demo data)",
    tags: ['marketers'],
    access: MARKETERS,
    rate: READ,
    responses: { 200: { description: 'Every demo story, newest first.', schema: DemoStoryList } },
  },
  giveDemoStory: {
    method: 'post',
    path: '/v1/demo-stories',
    summary: "Give a real correspondent's address a demo lead's story, to try the sidebar on your own mailbox",
    description:
      "Copies the demo lead Dana Lee's profile (a name from the address), campaigns, stage history and engagement (moved to recent days) onto the address, marked as demo data, " +
      'as `npm run server -- seed --demo --as ADDRESS` does. Answers 200 with the story when the address has one already. ' +
      "An address that is a lead already (real data, or one of the demo's own leads) is a 409 and nothing changes; without the demo data (`seed --demo`) a 409 too.",
    tags: ['marketers'],
    access: MARKETERS,
    rate: WRITE,
    body: DemoStoryRequest,
    bodyLimit: 16 * KiB,
    responses: {
      200: { description: 'The address already had this demo story.', schema: DemoStory },
      201: { description: 'The story is there: open a thread with the address.', schema: DemoStory },
    },
    errors: [409],
  },
  removeDemoStory: {
    method: 'delete',
    path: '/v1/demo-stories/{email}',
    summary: 'Remove a demo story: the lead, its events, campaigns, stage history, and uses and verdicts on it',
    description: 'Only a demo story is removed: an address that is not one is a 404 and nothing changes.',
    tags: ['marketers'],
    access: MARKETERS,
    rate: WRITE,
    params: { email: { description: 'The address (URL-encoded).', example: 'someone@example.com' } },
    responses: { 204: { description: 'Removed.' } },
    errors: [404],
  },
  upsertLeads: {
    method: 'post',
    path: '/v1/leads',
    summary: 'Batch upsert of leads by email (integrations)',
    tags: ['integrations'],
    access: ADMIN,
    rate: WRITE,
    body: LeadsBatch,
    checkedAs: LeadsUpsertRequest,
    bodyLimit: 6 * MiB,
    responses: { 200: { description: 'What was kept and what was rejected, by index.', schema: BatchResult } },
  },
  ingestEvents: {
    method: 'post',
    path: '/v1/engagement/events',
    summary: 'Batch ingest of engagement events, idempotent by id (integrations)',
    tags: ['integrations'],
    access: ADMIN,
    rate: WRITE,
    body: EventsBatch,
    checkedAs: EventsIngestRequest,
    bodyLimit: 4 * MiB,
    responses: { 200: { description: 'What was kept, doubled or rejected, by index.', schema: BatchResult } },
  },
  previewImport: {
    method: 'post',
    path: '/v1/imports/preview',
    summary: 'Read a CSV file as the import would, writing nothing',
    description:
      "The file's bytes as the body; the CLI import's options in the query. Answers the tool the header row names, the encoding and delimiter, " +
      'the field each column fills, the first rows as they would be stored and every problem by spreadsheet row and column (docs/import.md). ' +
      'A header the import cannot map is described in `headerProblems`, with the columns, so that the mapping can be fixed.',
    tags: ['marketers'],
    access: MARKETERS,
    rate: READ,
    query: ImportQuery,
    rawBody: IMPORT_BODY,
    bodyLimit: MAX_IMPORT_BYTES,
    overLimitAdvice: IMPORT_OVER_LIMIT,
    responses: { 200: { description: 'What the import would do.', schema: ImportPreview } },
    errors: [413, 415, 422],
  },
  runImport: {
    method: 'post',
    path: '/v1/imports',
    summary: 'Import a CSV file of leads or events (as `npm run server -- import` does)',
    description:
      'The same bytes and options as the preview. Good rows are written in batches of 5,000, bad ones reported by spreadsheet row and column; ' +
      'leads are upserted by email and events are idempotent by id, so importing a file again changes nothing. ' +
      'A file that cannot be imported at all (unreadable, or a header the import cannot map) is a 422 and nothing is written.',
    tags: ['marketers'],
    access: MARKETERS,
    rate: WRITE,
    query: ImportQuery,
    rawBody: IMPORT_BODY,
    bodyLimit: MAX_IMPORT_BYTES,
    overLimitAdvice: IMPORT_OVER_LIMIT,
    responses: { 200: { description: 'What was written and what was rejected, by row.', schema: ImportResult } },
    errors: [413, 415, 422],
  },
  listSources: {
    method: 'get',
    path: '/v1/sources',
    summary: 'Connected marketing tools and what each has sent',
    description:
      "Per source: received, stored, duplicates, refused for signature, unmapped (with the event names) and skipped items, all-time and for the current UTC day, the newest errors and when it last sent. Marketers read it (the console's Sources page); nothing secret is in it. Sources are added with `npm run server -- source add`.",
    tags: ['integrations'],
    access: MARKETERS,
    rate: READ,
    responses: { 200: { description: 'Every source, oldest first.', schema: SourceList } },
  },
  mapSourceEvent: {
    method: 'put',
    path: '/v1/sources/{id}/mapping/{eventName}',
    summary: 'Map one of a source\'s event names to an event type (`{"type": null}` drops the source\'s own entry)',
    description:
      "Saved to the source's mapping; the items kept as unmapped under that name (case, spaces, `_` and `-` ignored) are mapped again, so their events reach the leads' timelines, and later pushes of the name map directly. Events already stored are not taken back.",
    tags: ['integrations'],
    access: ADMIN,
    refusal: "Only an admin changes a source's mapping; marketers see the Sources page read-only.",
    rate: WRITE,
    params: {
      ...sourceId,
      eventName: {
        description: 'The event name as the tool sends it (URL-encoded).',
        example: 'Pricing Calculator Used',
      },
    },
    body: SourceMappingInput,
    bodyLimit: 16 * KiB,
    responses: {
      200: { description: 'The source as listed, and what became of its kept items.', schema: SourceMappingResult },
    },
    errors: [404],
  },
  segmentSource: {
    method: 'post',
    path: '/v1/sources/{id}/segment',
    summary: 'Segment spec calls from Segment or RudderStack (one call, or `{"batch": [...]}`)',
    description:
      "Authenticated by the source secret, not a token: `X-Signature` (hex HMAC-SHA1 of the raw body, as Segment's Webhooks destination signs) or `Authorization: Bearer <secret>` (or Basic with the secret as password). " +
      "`identify` upserts the lead from `traits`; `track` and `page` become engagement events through the source's mapping. Idempotent by `messageId`. Details: docs/sources.md.",
    tags: ['integrations'],
    access: 'public',
    rate: SOURCE,
    params: sourceId,
    bodyLimit: MiB,
    headers: { 'X-Signature': 'Hex HMAC-SHA1 of the raw body with the source secret.' },
    responses: { 200: { description: RECEIPT, schema: SourceReceipt } },
    errors: [400, 401, 404, 413, 429, 503],
  },
  mauticSource: {
    method: 'post',
    path: '/v1/sources/{id}/mautic',
    summary: "Mautic's webhooks as Mautic sends them (several event types in one POST)",
    description:
      'Authenticated by `Webhook-Signature` (base64 HMAC-SHA256 of the raw body with the source secret). Email opens, page hits (an email click is a page hit from the email), form submissions and contact saves. ' +
      'Idempotent by event type and stat, hit or submission id. Details: docs/sources.md.',
    tags: ['integrations'],
    access: 'public',
    rate: SOURCE,
    params: sourceId,
    bodyLimit: MiB,
    headers: { 'Webhook-Signature': 'Base64 HMAC-SHA256 of the raw body with the source secret.' },
    responses: { 200: { description: RECEIPT, schema: SourceReceipt } },
    errors: [400, 401, 404, 413, 429, 503],
  },
});

/** Every route, in the order declared (the order of `/openapi.json`). */
export const OPERATIONS: readonly Operation[] = Object.values(routes);

type SchemaAt<R, K extends string> = R extends { readonly [P in K]: infer S extends z.ZodType } ? S : undefined;
type Input<S> = S extends z.ZodType ? z.input<S> : undefined;
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** Path parameters by name, as strings. */
export type RouteParams<R> = R extends { readonly params: infer P }
  ? { [K in keyof P]: string }
  : Record<never, string>;

/** What a client sends to route `R`: its body and query (input side of the schemas) and path parameters. */
export interface RouteRequest<R> {
  body: Input<SchemaAt<R, 'body'>>;
  query: Input<SchemaAt<R, 'query'>>;
  params: RouteParams<R>;
}

/** What the server has once route `R`'s request is checked: the body as checked (`checkedAs`, else `body`; the bytes of a `rawBody`) and the query. */
export interface CheckedRequest<R> {
  body: R extends { readonly rawBody: object }
    ? Uint8Array
    : Output<R extends { readonly checkedAs: z.ZodType } ? SchemaAt<R, 'checkedAs'> : SchemaAt<R, 'body'>>;
  query: Output<SchemaAt<R, 'query'>>;
  params: RouteParams<R>;
}

/** The JSON a success of route `R` answers with (output side), any of its success statuses. */
export type RouteResponse<R> = R extends { readonly responses: infer Rs }
  ? { [S in keyof Rs]: Output<SchemaAt<Rs[S], 'schema'>> }[keyof Rs]
  : never;
