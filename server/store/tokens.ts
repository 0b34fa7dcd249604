import { createHash, randomBytes, randomUUID } from 'node:crypto';
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

export function createTokenStore(db: Db) {
  const insert = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO tokens (id, hash, name, role, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare<[string], { id: string; name: string; role: string }>(
    'SELECT id, name, role FROM tokens WHERE hash = ? AND revoked_at IS NULL',
  );

  return {
    /** The token itself is returned once, here; only its hash is stored. */
    create(role: Role, name: string, now: string): { id: string; token: string } {
      const token = generateToken();
      const id = `tok_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      insert.run(id, hashToken(token), name, role, now);
      return { id, token };
    },
    verify(token: string): Me | null {
      if (!TOKEN_PATTERN.test(token)) return null;
      const row = byHash.get(hashToken(token));
      if (!row) return null;
      const role = Role.safeParse(row.role);
      return role.success ? { tokenId: row.id, name: row.name, role: role.data } : null;
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
