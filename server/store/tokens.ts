import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { cleanDisplayText } from '../../lib/contract/display-text.ts';
import { type Me, Role, type SessionInfo } from '../../lib/contract/index.ts';
import type { StoreContext } from './context.ts';

/** `cf_` + 32 base64url characters (24 random bytes). */
export function generateToken(): string {
  return `cf_${randomBytes(24).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const TOKEN_PATTERN = /^cf_[A-Za-z0-9_-]{32}$/;

/** Who signed in, at which provider, as what: what a session is made from. */
export interface SessionGrant {
  role: Role;
  name: string;
  email: string;
  issuer: string;
  subject: string;
}

export interface TokenInfo {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  revokedAt: string | null;
}

export function createTokenStore(ctx: StoreContext) {
  return {
    /**
     * The token itself is returned once, here; only its hash is stored. The name is shown to others
     * (as a verdict's rep, a point's author), so it is cleaned like any display text.
     */
    async create(role: Role, name: string, now: string): Promise<{ id: string; token: string }> {
      const token = generateToken();
      const id = `tok_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      await ctx.db
        .insertInto('tokens')
        .values({ id, hash: hashToken(token), name: cleanDisplayText(name, 'one').trim(), role, created_at: now })
        .execute();
      return { id, token };
    },
    /**
     * A session: a token like an access token, but it expires. Its id starts `ses_`; the token is
     * returned once, here.
     */
    async createSession(
      grant: SessionGrant,
      now: string,
      expiresAt: string,
    ): Promise<{ id: string; token: string; name: string }> {
      const token = generateToken();
      const id = `ses_${randomBytes(8).toString('hex')}`;
      const name = cleanDisplayText(grant.name, 'one').trim() || grant.email;
      await ctx.db
        .insertInto('tokens')
        .values({
          id,
          hash: hashToken(token),
          name,
          role: grant.role,
          created_at: now,
          expires_at: expiresAt,
          email: grant.email.trim().toLowerCase(),
          issuer: grant.issuer,
          subject: grant.subject,
        })
        .execute();
      return { id, token, name };
    },
    /** A live token's owner: not revoked, and (a session) not expired at `now`. */
    async verify(token: string, now: Date = new Date()): Promise<Me | null> {
      if (!TOKEN_PATTERN.test(token)) return null;
      const row = await ctx.db
        .selectFrom('tokens')
        .select(['id', 'name', 'role'])
        .where('hash', '=', hashToken(token))
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.toISOString())]))
        .executeTakeFirst();
      if (!row) return null;
      const role = Role.safeParse(row.role);
      return role.success ? { tokenId: row.id, name: row.name, role: role.data } : null;
    },
    /** Why `verify` refused a token, for the 401's words: a session that ended is told to sign in again. */
    async refusal(
      token: string,
      now: Date = new Date(),
    ): Promise<'session-expired' | 'session-revoked' | 'revoked' | 'unknown'> {
      if (!TOKEN_PATTERN.test(token)) return 'unknown';
      const row = await ctx.db
        .selectFrom('tokens')
        .select(['revoked_at', 'expires_at'])
        .where('hash', '=', hashToken(token))
        .executeTakeFirst();
      if (!row) return 'unknown';
      const session = row.expires_at !== null;
      if (row.revoked_at !== null) return session ? 'session-revoked' : 'revoked';
      return row.expires_at !== null && row.expires_at <= now.toISOString() ? 'session-expired' : 'unknown';
    },
    /** Takes effect on the next request, in a running server too (every request reads the table). */
    async revoke(id: string, now: string): Promise<'revoked' | 'already-revoked' | 'unknown'> {
      const result = await ctx.db
        .updateTable('tokens')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) return 'revoked';
      const row = await ctx.db.selectFrom('tokens').select('id').where('id', '=', id).executeTakeFirst();
      return row ? 'already-revoked' : 'unknown';
    },
    /** Revokes a session (never an access token); the same outcomes as `revoke`. */
    async revokeSession(id: string, now: string): Promise<'revoked' | 'already-revoked' | 'unknown'> {
      const result = await ctx.db
        .updateTable('tokens')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('issuer', 'is not', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) return 'revoked';
      const row = await ctx.db
        .selectFrom('tokens')
        .select('id')
        .where('id', '=', id)
        .where('issuer', 'is not', null)
        .executeTakeFirst();
      return row ? 'already-revoked' : 'unknown';
    },
    /**
     * One person's sessions (by email, any case), or without `email` every session live at `now`;
     * newest first, at most `limit`.
     */
    async listSessions(query: { email?: string | undefined; now: string; limit?: number }): Promise<SessionInfo[]> {
      let select = ctx.db
        .selectFrom('tokens')
        .select(['id', 'email', 'name', 'role', 'issuer', 'created_at', 'expires_at', 'revoked_at'])
        .where('issuer', 'is not', null);
      if (query.email !== undefined) select = select.where('email', '=', query.email.trim().toLowerCase());
      else select = select.where('revoked_at', 'is', null).where('expires_at', '>', query.now);
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit ?? 500)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        email: r.email ?? '',
        name: r.name,
        role: Role.catch('rep').parse(r.role),
        issuer: r.issuer ?? '',
        createdAt: r.created_at,
        expiresAt: r.expires_at ?? r.created_at,
        revokedAt: r.revoked_at,
      }));
    },
    /** Every access token ever made (sessions are listed apart), oldest first; hashes stay in the database. */
    async list(): Promise<TokenInfo[]> {
      const rows = await ctx.db
        .selectFrom('tokens')
        .select(['id', 'name', 'role', 'created_at', 'revoked_at'])
        .where('issuer', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        role: r.role,
        createdAt: r.created_at,
        revokedAt: r.revoked_at,
      }));
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
