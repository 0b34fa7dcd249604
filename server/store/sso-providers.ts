import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Role } from '../../lib/contract/index.ts';
import type { SsoProvidersTable, Tables } from '../db/tables.ts';

/** An identity provider people sign in with (`sso add`), as the endpoint keeps it. */
export interface SsoProvider {
  id: string;
  issuer: string;
  clientId: string;
  name: string;
  defaultRole: Role;
  /** The ID token claim whose value(s) `roleMap` maps to a role (`groups`); null: everyone gets `defaultRole`. */
  roleClaim: string | null;
  roleMap: Record<string, Role>;
  /** Email domains let in (lower case); empty lets every domain in. */
  allowedDomains: string[];
  createdAt: string;
  /**
   * The client secret sealed under the source key with this provider's id (sso/client-secret.ts);
   * null for a public client, whose code the browser exchanges.
   */
  clientSecretEnc: string | null;
}

export type NewSsoProvider = Omit<SsoProvider, 'id' | 'createdAt' | 'clientSecretEnc'>;

/** Seals a client secret for the provider id it is given (the id is made when the row is). */
export type SealForProvider = (providerId: string) => string;

const RoleMap = z.record(z.string(), Role);
const Domains = z.array(z.string());

function fromRow(row: SsoProvidersTable): SsoProvider {
  return {
    id: row.id,
    issuer: row.issuer,
    clientId: row.client_id,
    name: row.name,
    defaultRole: Role.parse(row.default_role),
    roleClaim: row.role_claim,
    roleMap: RoleMap.parse(JSON.parse(row.role_map_json)),
    allowedDomains: Domains.parse(JSON.parse(row.allowed_domains_json)),
    createdAt: row.created_at,
    clientSecretEnc: row.client_secret_enc,
  };
}

/** Read on every sign-in (one indexed row), so `sso add` and `sso remove` count from the next one. */
export function createSsoProviderStore(db: Kysely<Tables>) {
  return {
    /** `issuer-taken` when a provider with this issuer is already connected. */
    async add(input: NewSsoProvider, now: string, sealSecret?: SealForProvider): Promise<SsoProvider | 'issuer-taken'> {
      const taken = await db
        .selectFrom('sso_providers')
        .select('id')
        .where('issuer', '=', input.issuer)
        .executeTakeFirst();
      if (taken) return 'issuer-taken';
      const id = `sso_${randomBytes(8).toString('hex')}`;
      const row: SsoProvidersTable = {
        id,
        issuer: input.issuer,
        client_id: input.clientId,
        name: input.name,
        default_role: input.defaultRole,
        role_claim: input.roleClaim,
        role_map_json: JSON.stringify(input.roleMap),
        allowed_domains_json: JSON.stringify(input.allowedDomains.map((d) => d.toLowerCase())),
        created_at: now,
        client_secret_enc: sealSecret ? sealSecret(id) : null,
      };
      await db.insertInto('sso_providers').values(row).execute();
      return fromRow(row);
    },
    async list(): Promise<SsoProvider[]> {
      const rows = await db.selectFrom('sso_providers').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(fromRow);
    },
    async byIssuer(issuer: string): Promise<SsoProvider | null> {
      const row = await db.selectFrom('sso_providers').selectAll().where('issuer', '=', issuer).executeTakeFirst();
      return row ? fromRow(row) : null;
    },
    async byId(id: string): Promise<SsoProvider | null> {
      const row = await db.selectFrom('sso_providers').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? fromRow(row) : null;
    },
    /** False when no provider has this id. Sessions already made stay until they expire or are revoked. */
    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('sso_providers').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export type SsoProviderStore = ReturnType<typeof createSsoProviderStore>;
