import { readFileSync } from 'node:fs';

/**
 * The operator's key that seals sources' secrets: 32 bytes, written as 64 hex characters or as
 * base64 (`openssl rand -base64 32`), from `COALFACE_SOURCE_KEY`, or from the file named by
 * `--source-key-file` or `COALFACE_SOURCE_KEY_FILE`.
 */
export type SourceKey = { ok: true; key: Buffer } | { ok: false; problem: string };

export const SOURCE_KEY_HELP =
  'Set COALFACE_SOURCE_KEY to 32 random bytes as base64 (openssl rand -base64 32), or put them in a file ' +
  'and name it with --source-key-file FILE or COALFACE_SOURCE_KEY_FILE. Keep the key: without it the ' +
  "sources' secrets cannot be read and every source must be added again.";

function decode(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

export function loadSourceKey(file: string | undefined, env: NodeJS.ProcessEnv = process.env): SourceKey {
  const path = file ?? env.COALFACE_SOURCE_KEY_FILE;
  let text: string | undefined = env.COALFACE_SOURCE_KEY;
  let where = 'COALFACE_SOURCE_KEY';
  if (path !== undefined && path !== '') {
    where = path;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const why = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      return { ok: false, problem: `The source key file ${path} cannot be read (${why}).` };
    }
  }
  if (text === undefined || text.trim() === '') {
    return { ok: false, problem: `No source key is configured. ${SOURCE_KEY_HELP}` };
  }
  const key = decode(text);
  if (!key) {
    return { ok: false, problem: `The source key in ${where} is not 32 bytes as base64 or 64 hex characters.` };
  }
  return { ok: true, key };
}
