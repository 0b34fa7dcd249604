import type { Generated } from 'kysely';

/**
 * The schema as the query layer sees it, the same on SQLite and PostgreSQL (see `migrations.ts` and
 * `postgres-migrations.ts`; `test/server/schema-parity.test.ts` holds the two to it). Times are ISO
 * strings in `*_at` and epoch milliseconds in `*_ms`; JSON is stored as text in `*_json`.
 */
export interface Tables {
  leads: LeadsTable;
  lead_crm_refs: LeadCrmRefsTable;
  lead_campaigns: LeadCampaignsTable;
  campaigns: CampaignsTable;
  events: EventsTable;
  event_totals: EventTotalsTable;
  talking_points: TalkingPointsTable;
  tokens: TokensTable;
  feedback: FeedbackTable;
  feedback_tallies: FeedbackTalliesTable;
  changes: ChangesTable;
  lead_activity: LeadActivityTable;
  funnel_versions: FunnelVersionsTable;
  funnel_signatures: FunnelSignaturesTable;
  stage_changes: StageChangesTable;
  store_marks: StoreMarksTable;
  rate_limits: RateLimitsTable;
  stream_slots: StreamSlotsTable;
  sources: SourcesTable;
  source_inbox: SourceInboxTable;
  source_errors: SourceErrorsTable;
  source_days: SourceDaysTable;
  sso_providers: SsoProvidersTable;
  usage: UsageTable;
  note_read_marks: NoteReadMarksTable;
  note_reads: NoteReadsTable;
}

export interface LeadsTable {
  id: Generated<number>;
  email: string;
  email_hash: string;
  name: string | null;
  company: string | null;
  title: string | null;
  lifecycle_stage: string | null;
  industry: string | null;
  persona: string | null;
  region: string | null;
  created_at: string;
  updated_at: string;
  /** Migration 16: the demo lead this one is a copy of (`seed --demo --as`); null for every other lead. */
  demo_of: string | null;
}

export interface LeadCrmRefsTable {
  lead_id: number;
  system: string;
  object_type: string;
  crm_id: string;
  match_id: string;
}

export interface LeadCampaignsTable {
  lead_id: number;
  campaign_key: string;
  source: 'lead' | 'event';
}

export interface CampaignsTable {
  key: string;
  name: string;
  status: string;
  starts_at: string | null;
  ends_at: string | null;
  message_json: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface EventsTable {
  id: string;
  lead_id: number;
  type: string;
  occurred_at: string;
  occurred_ms: number;
  content_id: string | null;
  content_title: string | null;
  content_url: string | null;
  content_topic: string | null;
  campaign_key: string | null;
  received_at: string;
}

export interface EventTotalsTable {
  lead_id: number;
  type: string;
  /** '' stands for "no campaign" (keys are never empty). */
  campaign_key: string;
  n: number;
  last_ms: number;
}

export interface TalkingPointsTable {
  id: string;
  campaign_key: string | null;
  title: string;
  body: string;
  status: string;
  priority: number;
  audience_json: string;
  triggers_json: string;
  valid_from: string | null;
  valid_to: string | null;
  author: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TokensTable {
  id: string;
  hash: string;
  name: string;
  role: string;
  created_at: string;
  revoked_at: string | null;
  /** Sessions (signed in with an identity provider) expire; access tokens leave these four null. */
  expires_at: string | null;
  email: string | null;
  issuer: string | null;
  subject: string | null;
}

export interface FeedbackTable {
  id: string;
  target_kind: 'talkingPoint' | 'campaignMessage';
  target_id: string;
  verdict: 'didnt_land' | 'landed';
  reason: string | null;
  note: string | null;
  email_hash: string;
  industry: string | null;
  persona: string | null;
  region: string | null;
  rep_token_id: string;
  rep_name: string;
  occurred_at: string;
  occurred_ms: number;
  received_at: string;
  withdrawn_at: string | null;
  input_json: string;
}

export interface FeedbackTalliesTable {
  target_kind: string;
  target_id: string;
  dimension: 'all' | 'industry' | 'persona' | 'region';
  value: string;
  landed: number;
  didnt_land: number;
}

export interface ChangesTable {
  cursor: Generated<number>;
  kind: 'talkingPoint' | 'campaign' | 'funnel';
  entity_id: string;
  op: 'upsert' | 'retire';
  version: number;
  at: string;
}

/** A lead's new engagement or profile, for open sidebars; pruned after a few minutes. */
export interface LeadActivityTable {
  cursor: Generated<number>;
  email_hash: string;
  at: string;
}

export interface FunnelVersionsTable {
  version: number;
  stages_json: string;
  note: string | null;
  changes_json: string;
  changed_by: string;
  changed_by_token: string | null;
  changed_by_role: string | null;
  changed_at: string;
}

export interface FunnelSignaturesTable {
  version: number;
  team: 'marketing' | 'sales';
  signer_name: string;
  signer_token: string | null;
  signer_role: string;
  signed_at: string;
}

export interface StageChangesTable {
  id: Generated<number>;
  lead_id: number;
  from_stage: string | null;
  to_stage: string;
  changed_at: string;
  changed_ms: number;
  received_at: string;
}

/** Counters triggers move on writes other processes must notice ('feedback': verdicts written or withdrawn). */
export interface StoreMarksTable {
  name: string;
  n: number;
}

/**
 * rate-limiter-flexible's fixed windows on PostgreSQL (`limits/shared-rate-store.ts`): `points` taken
 * in the window that ends at `expire` (epoch ms). Unused on SQLite, where buckets are in memory.
 */
export interface RateLimitsTable {
  key: string;
  points: number;
  expire: number | null;
}

/**
 * Open `GET /v1/stream` connections of every instance on PostgreSQL (`limits/shared-stream-slots.ts`),
 * each kept alive by its instance through `seen_ms` (the database's clock). Unused on SQLite.
 */
export interface StreamSlotsTable {
  id: string;
  instance: string;
  token_id: string;
  opened_at: string;
  seen_ms: number;
}

/** A connected marketing tool (migration 7); `secret_enc` is its shared secret, encrypted. */
export interface SourcesTable {
  id: string;
  kind: 'segment' | 'mautic' | 'hubspot';
  name: string;
  secret_enc: string | null;
  settings_json: string;
  /** Where a pulled source's sync left off (HubSpot: JSON, server/sources/hubspot/cursor.ts); null for pushed ones. */
  sync_cursor: string | null;
  created_at: string;
  received: Generated<number>;
  stored: Generated<number>;
  duplicates: Generated<number>;
  rejected_signature: Generated<number>;
  unmapped: Generated<number>;
  skipped: Generated<number>;
  last_received_at: string | null;
  /** Migration 8: which instance syncs this (pulled) source, and until when its lease holds. */
  sync_lease_holder: string | null;
  sync_lease_until: string | null;
  /** Why the last sync stopped (a refused token); null once a sync succeeds. */
  sync_failing: string | null;
  last_synced_at: string | null;
}

export type SourceInboxState = 'new' | 'stored' | 'duplicate' | 'unmapped' | 'skipped';

/** Every item a source pushed, as received, and what mapping made of it. */
export interface SourceInboxTable {
  id: Generated<number>;
  source_id: string;
  item_key: string;
  /** The event name as the tool sent it (`identify`, `Email Opened`, `mautic.form_on_submit`). */
  name: string;
  payload_json: string;
  received_at: string;
  state: SourceInboxState;
  detail: string | null;
  mapped_at: string | null;
}

export interface SourceErrorsTable {
  id: Generated<number>;
  source_id: string;
  at: string;
  message: string;
}

/** A source's counters for one UTC day (migration 9). */
export interface SourceDaysTable {
  source_id: string;
  day: string;
  received: Generated<number>;
  stored: Generated<number>;
  duplicates: Generated<number>;
  rejected_signature: Generated<number>;
  unmapped: Generated<number>;
  skipped: Generated<number>;
}

export interface SsoProvidersTable {
  id: string;
  issuer: string;
  client_id: string;
  name: string;
  default_role: string;
  role_claim: string | null;
  /** A JSON object: claim value → role. */
  role_map_json: string;
  /** A JSON array of email domains; empty lets every domain in. */
  allowed_domains_json: string;
  created_at: string;
  /** The client secret sealed under the source key (sources/secret-box.ts); null for a public client. */
  client_secret_enc: string | null;
}

/** A rep's use of a point or a campaign's call to action (migration 14); never any text. */
export interface UsageTable {
  id: string;
  action: 'copied' | 'inserted' | 'opened_cta';
  target_kind: 'talkingPoint' | 'campaignMessage';
  target_id: string;
  email_hash: string;
  lead_id: number | null;
  stage: string | null;
  industry: string | null;
  persona: string | null;
  region: string | null;
  rep_key: string;
  rep_name: string;
  occurred_at: string;
  occurred_ms: number;
  received_at: string;
  input_json: string;
}

/**
 * A console reader's "read up to" mark (migration 15): every note received at or before `read_upto`
 * is read. The reader is a session's email or an access token's id (as `usage.rep_key`).
 */
export interface NoteReadMarksTable {
  reader_key: string;
  read_upto: string;
  updated_at: string;
}

/** A note (a verdict's, by its id) one reader has read, after their mark. */
export interface NoteReadsTable {
  reader_key: string;
  feedback_id: string;
  read_at: string;
}
