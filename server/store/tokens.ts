import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { cleanDisplayText } from '../../lib/contract/display-text.ts';
import { type Me, Role } from '../../lib/contract/index.ts';
import type { Db } from '../db/open.ts';

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

export function createTokenStore(db: Db) {
  const insert = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO tokens (id, hash, name, role, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare<[string], { id: string; name: string; role: string }>(
    'SELECT id, name, role FROM tokens WHERE hash = ? AND revoked_at IS NULL',
  );
  const revoke = db.prepare<[string, string]>('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const byId = db.prepare<[string], { revoked_at: string | null }>('SELECT revoked_at FROM tokens WHERE id = ?');
  const all = db.prepare<[], { id: string; name: string; role: string; created_at: string; revoked_at: string | null }>(
    'SELECT id, name, role, created_at, revoked_at FROM tokens ORDER BY created_at, id',
  );

  return {
    /**
     * The token itself is returned once, here; only its hash is stored. The name is shown to others
     * (as a verdict's rep, a point's author), so it is cleaned like any display text.
     */
    create(role: Role, name: string, now: string): { id: string; token: string } {
      const token = generateToken();
      const id = `tok_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      insert.run(id, hashToken(token), cleanDisplayText(name, 'one').trim(), role, now);
      return { id, token };
    },
    verify(token: string): Me | null {
      if (!TOKEN_PATTERN.test(token)) return null;
      const row = byHash.get(hashToken(token));
      if (!row) return null;
      const role = Role.safeParse(row.role);
      return role.success ? { tokenId: row.id, name: row.name, role: role.data } : null;
    },
    /** Takes effect on the next request, in a running server too (every request reads the table). */
    revoke(id: string, now: string): 'revoked' | 'already-revoked' | 'unknown' {
      if (revoke.run(now, id).changes > 0) return 'revoked';
      return byId.get(id) ? 'already-revoked' : 'unknown';
    },
    /** Every token ever made, oldest first; hashes stay in the database. */
    list(): TokenInfo[] {
      return all.all().map((r) => ({
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
