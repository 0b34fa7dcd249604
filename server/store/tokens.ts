import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { cleanDisplayText } from '../../lib/contract/display-text.ts';
import { type Me, Role } from '../../lib/contract/index.ts';
import type { StoreContext } from './context.ts';

/** `cf_` + 32 base64url characters (24 random bytes). */
export function generateToken(): string {
  return `cf_${randomBytes(24).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const TOKEN_PATTERN = /^cf_[A-Za-z0-9_-]{32}$/;

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
    async verify(token: string): Promise<Me | null> {
      if (!TOKEN_PATTERN.test(token)) return null;
      const row = await ctx.db
        .selectFrom('tokens')
        .select(['id', 'name', 'role'])
        .where('hash', '=', hashToken(token))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return null;
      const role = Role.safeParse(row.role);
      return role.success ? { tokenId: row.id, name: row.name, role: role.data } : null;
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
    /** Every token ever made, oldest first; hashes stay in the database. */
    async list(): Promise<TokenInfo[]> {
      const rows = await ctx.db
        .selectFrom('tokens')
        .select(['id', 'name', 'role', 'created_at', 'revoked_at'])
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
