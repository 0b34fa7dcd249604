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
];
