/**
 * Schema history. Each migration runs once, in order, inside a transaction; `PRAGMA user_version`
 * records the last one applied. Never edit a shipped migration: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE leads (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        email_hash TEXT NOT NULL UNIQUE,
        name TEXT,
        company TEXT,
        title TEXT,
        lifecycle_stage TEXT,
        industry TEXT,
        persona TEXT,
        region TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- match_id is the id as compared: Salesforce's 18-character ids are matched on their
      -- 15-character case-sensitive prefix, so either form finds the record.
      CREATE TABLE lead_crm_refs (
        lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        system TEXT NOT NULL,
        object_type TEXT NOT NULL,
        crm_id TEXT NOT NULL,
        match_id TEXT NOT NULL,
        PRIMARY KEY (system, object_type, match_id)
      );
      CREATE INDEX lead_crm_refs_lead ON lead_crm_refs(lead_id);

      -- source 'lead' rows come from POST /v1/leads and are replaced by it;
      -- source 'event' rows are added when an event names a campaign.
      CREATE TABLE lead_campaigns (
        lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        campaign_key TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('lead', 'event')),
        PRIMARY KEY (lead_id, campaign_key, source)
      );
      CREATE INDEX lead_campaigns_campaign ON lead_campaigns(campaign_key);

      CREATE TABLE campaigns (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        starts_at TEXT,
        ends_at TEXT,
        message_json TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        occurred_ms INTEGER NOT NULL,
        content_id TEXT,
        content_title TEXT,
        content_url TEXT,
        content_topic TEXT,
        campaign_key TEXT,
        received_at TEXT NOT NULL
      );
      CREATE INDEX events_lead_time ON events(lead_id, occurred_ms DESC, id);

      CREATE TABLE talking_points (
        id TEXT PRIMARY KEY,
        campaign_key TEXT,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL,
        priority INTEGER NOT NULL,
        audience_json TEXT NOT NULL,
        triggers_json TEXT NOT NULL,
        valid_from TEXT,
        valid_to TEXT,
        author TEXT,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX talking_points_status ON talking_points(status);

      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('rep', 'marketer', 'admin')),
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
    `,
  },
  {
    version: 2,
    name: 'feedback, change feed, paging indexes',
    sql: `
      -- One verdict per client-made id. Segments are a snapshot of the lead's at the time, so the
      -- summary says who it did not land with even after the lead's record changes. input_json is
      -- the canonical body, compared when the same id comes again.
      CREATE TABLE feedback (
        id TEXT PRIMARY KEY,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('talkingPoint', 'campaignMessage')),
        target_id TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('didnt_land', 'landed')),
        reason TEXT,
        note TEXT,
        email_hash TEXT NOT NULL,
        industry TEXT,
        persona TEXT,
        region TEXT,
        rep_token_id TEXT NOT NULL,
        rep_name TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        occurred_ms INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        withdrawn_at TEXT,
        input_json TEXT NOT NULL
      );
      CREATE INDEX feedback_newest ON feedback(occurred_ms DESC, id DESC) WHERE withdrawn_at IS NULL;
      CREATE INDEX feedback_target ON feedback(target_kind, target_id, occurred_ms DESC, id DESC)
        WHERE withdrawn_at IS NULL;

      -- Running tallies per target, overall (dimension 'all', value '') and per segment value, kept by
      -- the triggers below so a lookup reads a handful of rows instead of scanning every verdict.
      CREATE TABLE feedback_tallies (
        target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        dimension TEXT NOT NULL CHECK (dimension IN ('all', 'industry', 'persona', 'region')),
        value TEXT NOT NULL,
        landed INTEGER NOT NULL DEFAULT 0,
        didnt_land INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (target_kind, dimension, value, target_id)
      );

      CREATE TRIGGER feedback_count AFTER INSERT ON feedback WHEN new.withdrawn_at IS NULL
      BEGIN
        INSERT INTO feedback_tallies (target_kind, target_id, dimension, value, landed, didnt_land)
          SELECT new.target_kind, new.target_id, d.dimension, d.value,
                 new.verdict = 'landed', new.verdict = 'didnt_land'
          FROM (SELECT 'all' AS dimension, '' AS value
                UNION ALL SELECT 'industry', new.industry
                UNION ALL SELECT 'persona', new.persona
                UNION ALL SELECT 'region', new.region) AS d
          WHERE d.value IS NOT NULL
        ON CONFLICT (target_kind, dimension, value, target_id) DO UPDATE SET
          landed = landed + excluded.landed, didnt_land = didnt_land + excluded.didnt_land;
      END;

      CREATE TRIGGER feedback_uncount AFTER UPDATE OF withdrawn_at ON feedback
      WHEN old.withdrawn_at IS NULL AND new.withdrawn_at IS NOT NULL
      BEGIN
        UPDATE feedback_tallies SET
          landed = landed - (old.verdict = 'landed'),
          didnt_land = didnt_land - (old.verdict = 'didnt_land')
        WHERE target_kind = old.target_kind AND target_id = old.target_id
          AND ((dimension = 'all' AND value = '') OR (dimension = 'industry' AND value = old.industry)
            OR (dimension = 'persona' AND value = old.persona) OR (dimension = 'region' AND value = old.region));
      END;

      -- What a sidebar must refetch. The cursor only grows (AUTOINCREMENT never reuses a value).
      CREATE TABLE changes (
        cursor INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('talkingPoint', 'campaign')),
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert', 'retire')),
        version INTEGER NOT NULL,
        at TEXT NOT NULL
      );

      CREATE INDEX talking_points_created ON talking_points(created_at DESC, id DESC);
      CREATE INDEX talking_points_campaign ON talking_points(campaign_key);
    `,
  },
  {
    version: 3,
    name: 'manager role, funnel definition and lifecycle-stage history',
    sql: `
      -- The role CHECK cannot be altered in place: rebuild the table with manager allowed.
      CREATE TABLE tokens_v3 (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'marketer', 'admin')),
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      INSERT INTO tokens_v3 (id, hash, name, role, created_at, revoked_at)
        SELECT id, hash, name, role, created_at, revoked_at FROM tokens;
      DROP TABLE tokens;
      ALTER TABLE tokens_v3 RENAME TO tokens;

      -- Every version of the funnel definition, never edited: the current one is the highest.
      CREATE TABLE funnel_versions (
        version INTEGER PRIMARY KEY,
        stages_json TEXT NOT NULL,
        note TEXT,
        changes_json TEXT NOT NULL,
        changed_by TEXT NOT NULL,
        changed_by_token TEXT,
        changed_by_role TEXT,
        changed_at TEXT NOT NULL
      );

      -- At most one signature per team per version; a new version starts with none.
      CREATE TABLE funnel_signatures (
        version INTEGER NOT NULL REFERENCES funnel_versions(version),
        team TEXT NOT NULL CHECK (team IN ('marketing', 'sales')),
        signer_name TEXT NOT NULL,
        signer_token TEXT,
        signer_role TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        PRIMARY KEY (version, team)
      );

      -- One row whenever a lead upsert sets a lifecycle stage other than the stored one.
      CREATE TABLE stage_changes (
        id INTEGER PRIMARY KEY,
        lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        from_stage TEXT,
        to_stage TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        changed_ms INTEGER NOT NULL,
        received_at TEXT NOT NULL
      );
      CREATE INDEX stage_changes_lead ON stage_changes(lead_id, changed_ms, id);
      CREATE INDEX stage_changes_time ON stage_changes(changed_ms);
    `,
  },
  {
    version: 4,
    name: 'per-lead event totals',
    sql: `
      -- A lookup shows all-time counts per type and the last touch per campaign; counting them from
      -- events costs as much as the lead's whole history. These running totals, kept by the trigger
      -- below (events are only ever inserted, or deleted with their lead), cost a few rows instead.
      -- campaign_key '' stands for "no campaign" (keys are never empty).
      CREATE TABLE event_totals (
        lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        campaign_key TEXT NOT NULL,
        n INTEGER NOT NULL,
        last_ms INTEGER NOT NULL,
        PRIMARY KEY (lead_id, type, campaign_key)
      ) WITHOUT ROWID;

      INSERT INTO event_totals (lead_id, type, campaign_key, n, last_ms)
        SELECT lead_id, type, coalesce(campaign_key, ''), count(*), max(occurred_ms) FROM events
        GROUP BY lead_id, type, coalesce(campaign_key, '');

      CREATE TRIGGER events_total AFTER INSERT ON events
      BEGIN
        INSERT INTO event_totals (lead_id, type, campaign_key, n, last_ms)
          VALUES (new.lead_id, new.type, coalesce(new.campaign_key, ''), 1, new.occurred_ms)
        ON CONFLICT (lead_id, type, campaign_key) DO UPDATE SET
          n = n + 1, last_ms = max(last_ms, excluded.last_ms);
      END;
    `,
  },
  {
    version: 5,
    name: 'feedback write mark, case-blind CRM object types',
    sql: `
      -- Moves on every verdict written or withdrawn, by whichever process or instance: a cache of the
      -- tallies compares one row instead of the tallies themselves.
      CREATE TABLE store_marks (
        name TEXT PRIMARY KEY,
        n INTEGER NOT NULL
      );
      INSERT INTO store_marks (name, n) VALUES ('feedback', 0);

      CREATE TRIGGER feedback_mark_insert AFTER INSERT ON feedback
      BEGIN
        UPDATE store_marks SET n = n + 1 WHERE name = 'feedback';
      END;
      CREATE TRIGGER feedback_mark_withdraw AFTER UPDATE OF withdrawn_at ON feedback
      WHEN old.withdrawn_at IS NULL AND new.withdrawn_at IS NOT NULL
      BEGIN
        UPDATE store_marks SET n = n + 1 WHERE name = 'feedback';
      END;

      -- CRM object types are matched whatever their case ("Lead", "lead").
      CREATE INDEX lead_crm_refs_match ON lead_crm_refs(system, lower(object_type), match_id);
    `,
  },
  {
    version: 6,
    name: 'rate windows and stream slots shared by instances',
    sql: `
      -- Both are used on PostgreSQL only, where several instances share them; on SQLite (one host)
      -- rate buckets and stream counts stay in each process's memory. Created here too so that
      -- version 6 is the same schema on both engines.
      -- rate-limiter-flexible's table for RateLimiterPostgres, in its column order (it inserts by position).
      CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        points INTEGER NOT NULL DEFAULT 0,
        expire INTEGER
      );

      -- One row per open GET /v1/stream; its instance refreshes seen_ms while it is open, so the rows
      -- of an instance that died stop counting once seen_ms is old.
      CREATE TABLE stream_slots (
        id TEXT PRIMARY KEY,
        instance TEXT NOT NULL,
        token_id TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        seen_ms INTEGER NOT NULL
      );
      CREATE INDEX stream_slots_token ON stream_slots(token_id);
    `,
  },
  {
    version: 7,
    name: 'sources: connected marketing tools, their inbox and errors',
    sql: `
      -- One connected tool. secret_enc is the shared secret encrypted with the operator's key
      -- (AES-256-GCM, server/sources/secret-box.ts): HMAC checks need the secret itself, not a hash.
      -- A pulled source (hubspot, later) keeps its credentials there too and where its sync left off
      -- in sync_cursor. The counters are what a console page shows; they only ever grow.
      CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('segment', 'mautic', 'hubspot')),
        name TEXT NOT NULL,
        secret_enc TEXT,
        settings_json TEXT NOT NULL,
        sync_cursor TEXT,
        created_at TEXT NOT NULL,
        received INTEGER NOT NULL DEFAULT 0,
        stored INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        rejected_signature INTEGER NOT NULL DEFAULT 0,
        unmapped INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        last_received_at TEXT
      );

      -- Every item a source pushed, written before it is mapped, so a crash between the two loses
      -- nothing: rows still 'new' are mapped when the server starts. (source_id, item_key) is the
      -- idempotency key: the message id, or the Mautic event type and its stat, hit or submission id.
      CREATE TABLE source_inbox (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        item_key TEXT NOT NULL,
        name TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        received_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('new', 'stored', 'duplicate', 'unmapped', 'skipped')),
        detail TEXT,
        mapped_at TEXT,
        UNIQUE (source_id, item_key)
      );
      CREATE INDEX source_inbox_new ON source_inbox(id) WHERE state = 'new';
      CREATE INDEX source_inbox_state ON source_inbox(source_id, state, name);

      -- The last few things that went wrong per source (bad signatures, bodies that do not parse).
      CREATE TABLE source_errors (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        message TEXT NOT NULL
      );
      CREATE INDEX source_errors_source ON source_errors(source_id, id);
    `,
  },
  {
    version: 8,
    name: 'sources: the HubSpot sync lease and state',
    sql: `
      -- A pulled source (hubspot) is synced by one instance at a time: the one whose lease is
      -- current. A lease expires, so an instance that crashed mid-sync is taken over. sync_failing
      -- says why the last sync stopped (a refused token), null once one succeeds.
      ALTER TABLE sources ADD COLUMN sync_lease_holder TEXT;
      ALTER TABLE sources ADD COLUMN sync_lease_until TEXT;
      ALTER TABLE sources ADD COLUMN sync_failing TEXT;
      ALTER TABLE sources ADD COLUMN last_synced_at TEXT;
    `,
  },
  {
    version: 9,
    name: "sources: each day's counters",
    sql: `
      -- The sources' counters again per UTC day (YYYY-MM-DD), for the console's "today" figures.
      CREATE TABLE source_days (
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        received INTEGER NOT NULL DEFAULT 0,
        stored INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        rejected_signature INTEGER NOT NULL DEFAULT 0,
        unmapped INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (source_id, day)
      );
    `,
  },
  {
    version: 10,
    name: 'CRM object types in one spelling',
    sql: `
      -- CRM object types in the one spelling the store compares exactly (domain/crm.ts crmObjectType):
      -- earlier versions stored them as sent and compared lower(object_type). The owner check never let
      -- two spellings of one reference in, so no key collides.
      UPDATE lead_crm_refs SET object_type = CASE lower(object_type)
        WHEN 'lead' THEN 'Lead' WHEN 'contact' THEN 'Contact' WHEN 'account' THEN 'Account'
        WHEN 'opportunity' THEN 'Opportunity' WHEN 'campaign' THEN 'Campaign'
        WHEN 'campaignmember' THEN 'CampaignMember' WHEN 'case' THEN 'Case' WHEN 'user' THEN 'User'
        ELSE lower(object_type) END
      WHERE system = 'salesforce';
      UPDATE lead_crm_refs SET object_type = CASE lower(object_type)
        WHEN 'contacts' THEN 'contact' WHEN '0-1' THEN 'contact'
        WHEN 'companies' THEN 'company' WHEN '0-2' THEN 'company'
        WHEN 'deals' THEN 'deal' WHEN '0-3' THEN 'deal'
        ELSE lower(object_type) END
      WHERE system = 'hubspot';
      UPDATE lead_crm_refs SET object_type = lower(object_type) WHERE system NOT IN ('salesforce', 'hubspot');
      -- Comparisons are exact now: the primary key serves them.
      DROP INDEX lead_crm_refs_match;
    `,
  },
  {
    version: 11,
    name: 'lead activity for open sidebars',
    sql: `
      -- A lead got new engagement (or a new profile) through a live path: the events route or a
      -- source. Streams tell open sidebars of that lead (store/lead-activity.ts). Kept apart from
      -- changes, whose newest cursor keys the lookup cache's catalog. Rows older than a few minutes
      -- are pruned: nobody reads them after that.
      CREATE TABLE lead_activity (
        cursor INTEGER PRIMARY KEY AUTOINCREMENT,
        email_hash TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX lead_activity_at ON lead_activity(at);
    `,
  },
  {
    version: 12,
    name: 'single sign-on: identity providers and sessions',
    sql: `
      -- Identity providers (OpenID Connect) people sign in with: \`sso add\`. role_map_json maps a
      -- value of the role claim to a role ({"sales-ops": "manager"}); allowed_domains_json lists the
      -- email domains let in ([] lets every domain in).
      CREATE TABLE sso_providers (
        id TEXT PRIMARY KEY,
        issuer TEXT NOT NULL UNIQUE,
        client_id TEXT NOT NULL,
        name TEXT NOT NULL,
        default_role TEXT NOT NULL CHECK (default_role IN ('rep', 'manager', 'marketer', 'admin')),
        role_claim TEXT,
        role_map_json TEXT NOT NULL,
        allowed_domains_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      -- A session is a token that expires (docs/decisions.md): who signed in, at which provider.
      -- Access tokens leave all four null and never expire.
      ALTER TABLE tokens ADD COLUMN expires_at TEXT;
      ALTER TABLE tokens ADD COLUMN email TEXT;
      ALTER TABLE tokens ADD COLUMN issuer TEXT;
      ALTER TABLE tokens ADD COLUMN subject TEXT;
      CREATE INDEX tokens_sessions ON tokens(email, created_at) WHERE issuer IS NOT NULL;
    `,
  },
  {
    version: 13,
    name: 'single sign-on: a client secret for providers whose code the endpoint exchanges',
    sql: `
      -- The provider's client secret (\`sso add --client-secret-file\`), sealed like a source's secret
      -- (AES-256-GCM under the source key, the provider id as additional data: sources/secret-box.ts).
      -- Null: a public client, the browser exchanges the code.
      ALTER TABLE sso_providers ADD COLUMN client_secret_enc TEXT;
    `,
  },
  {
    version: 14,
    name: 'usage: points reps copied or inserted, calls to action they opened',
    sql: `
      -- A rep used a talking point (copied or inserted it) or opened a campaign's call to action: which
      -- target, which lead (its hash and, as the endpoint knew them when the use arrived, its stage and
      -- segments), who and when. Never any text. The id is the client's idempotency key, as for verdicts.
      -- rep_key tells reps apart across sessions: a session's email, or an access token's id.
      CREATE TABLE usage (
        id TEXT PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('copied', 'inserted', 'opened_cta')),
        target_kind TEXT NOT NULL CHECK (target_kind IN ('talkingPoint', 'campaignMessage')),
        target_id TEXT NOT NULL,
        email_hash TEXT NOT NULL,
        lead_id INTEGER,
        stage TEXT,
        industry TEXT,
        persona TEXT,
        region TEXT,
        rep_key TEXT NOT NULL,
        rep_name TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        occurred_ms INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        input_json TEXT NOT NULL
      );
      CREATE INDEX usage_target ON usage(target_kind, target_id, occurred_ms);
      CREATE INDEX usage_lead ON usage(email_hash, occurred_ms);
      CREATE INDEX usage_occurred ON usage(occurred_ms);
    `,
  },
  {
    version: 15,
    name: "note reads: which of the reps' notes each console reader has read",
    sql: `
      -- "Not yet read" is per reader (a session's email, or an access token's id, as usage.rep_key):
      -- a mark (every note received up to it is read, "Mark all read") plus the notes read one by one
      -- after it (opening a note's detail). Nothing about the note is copied here.
      CREATE TABLE note_read_marks (
        reader_key TEXT PRIMARY KEY,
        read_upto TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE note_reads (
        reader_key TEXT NOT NULL,
        feedback_id TEXT NOT NULL,
        read_at TEXT NOT NULL,
        PRIMARY KEY (reader_key, feedback_id)
      );
      CREATE INDEX feedback_notes ON feedback(received_at) WHERE note IS NOT NULL;
    `,
  },
  {
    version: 16,
    name: 'demo stories: a lead that is a copy of a demo lead, given to a real address',
    sql: `
      -- \`seed --demo --as ADDRESS\` (or the console's "Try it on your own mailbox") copies a demo
      -- lead's story onto a real correspondent's address: the copy names the demo lead it came from
      -- here, so it can be listed and removed in one step. Null for every other lead.
      ALTER TABLE leads ADD COLUMN demo_of TEXT;
    `,
  },
  {
    version: 17,
    name: 'change feed: funnel changes',
    sql: `
      -- A new funnel version, or one both teams signed, goes out on the change feed like a talking
      -- point (store/funnel.ts). The kind CHECK cannot be altered in place: rebuild the table with
      -- funnel allowed, keeping every cursor and the AUTOINCREMENT counter, so no cursor is handed out twice.
      CREATE TABLE changes_v17 (
        cursor INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('talkingPoint', 'campaign', 'funnel')),
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert', 'retire')),
        version INTEGER NOT NULL,
        at TEXT NOT NULL
      );
      INSERT INTO changes_v17 (cursor, kind, entity_id, op, version, at)
        SELECT cursor, kind, entity_id, op, version, at FROM changes;
      DELETE FROM sqlite_sequence WHERE name = 'changes_v17';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'changes_v17', seq FROM sqlite_sequence WHERE name = 'changes';
      DROP TABLE changes;
      ALTER TABLE changes_v17 RENAME TO changes;
    `,
  },
];
