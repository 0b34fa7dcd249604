import { z } from 'zod';
import {
  type Funnel,
  type FunnelSignature,
  type FunnelSignatures,
  FunnelStage,
  type FunnelTeam,
  type FunnelVersion,
  type Me,
  Role,
} from '../../lib/contract/index.ts';
import type { Db } from '../db/open.ts';
import { DEFAULT_FUNNEL_STAGES, describeChanges, isAgreed } from '../domain/funnel.ts';

interface VersionRow {
  version: number;
  stages_json: string;
  note: string | null;
  changes_json: string;
  changed_by: string;
  changed_by_role: string | null;
  changed_at: string;
}

interface SignatureRow {
  version: number;
  team: FunnelTeam;
  signer_name: string;
  signer_role: string;
  signed_at: string;
}

const Stages = z.array(FunnelStage);
const Changes = z.array(z.string());

export const DEFAULT_AUTHOR = 'Coalface (default funnel)';

/** Who wrote or signed: a token's caller, or the seed / the default. */
export type Author = Pick<Me, 'name' | 'role'> & { tokenId: string | null };

export type SignOutcome = 'signed' | 'already-signed' | 'not-current';

/** The funnel definition: immutable versions (the highest is current) and their signatures. */
export function createFunnelStore(db: Db) {
  const latest = db.prepare<[], VersionRow>('SELECT * FROM funnel_versions ORDER BY version DESC LIMIT 1');
  const all = db.prepare<[], VersionRow>('SELECT * FROM funnel_versions ORDER BY version DESC');
  const signaturesOf = db.prepare<[number], SignatureRow>('SELECT * FROM funnel_signatures WHERE version = ?');
  const allSignatures = db.prepare<[], SignatureRow>('SELECT * FROM funnel_signatures');
  const insertVersion = db.prepare(
    `INSERT OR IGNORE INTO funnel_versions
       (version, stages_json, note, changes_json, changed_by, changed_by_token, changed_by_role, changed_at)
     VALUES (@version, @stages, @note, @changes, @by, @token, @role, @at)`,
  );
  const insertSignature = db.prepare(
    `INSERT OR IGNORE INTO funnel_signatures (version, team, signer_name, signer_token, signer_role, signed_at)
     VALUES (@version, @team, @name, @token, @role, @at)`,
  );
  // Versions never change, so their parsed stages can be kept.
  const parsed = new Map<number, FunnelStage[]>();
  const stagesOf = (row: VersionRow) => {
    let stages = parsed.get(row.version);
    if (!stages) {
      stages = Stages.parse(JSON.parse(row.stages_json));
      parsed.set(row.version, stages);
    }
    return stages;
  };
  const toSignature = (row: SignatureRow): FunnelSignature => ({
    team: row.team,
    name: row.signer_name,
    role: Role.catch('admin').parse(row.signer_role),
    signedAt: row.signed_at,
  });
  const signatures = (rows: readonly SignatureRow[]): FunnelSignatures => {
    const find = (team: FunnelTeam) => rows.find((r) => r.team === team);
    const m = find('marketing');
    const s = find('sales');
    return { marketing: m ? toSignature(m) : null, sales: s ? toSignature(s) : null };
  };

  function write(version: number, stages: readonly FunnelStage[], author: Author, at: string, note?: string) {
    const before = version > 1 ? (latest.get() ?? null) : null;
    insertVersion.run({
      version,
      stages: JSON.stringify(stages),
      note: note ?? null,
      changes: JSON.stringify(describeChanges(before ? stagesOf(before) : null, stages)),
      by: author.name,
      token: author.tokenId,
      role: author.role,
      at,
    });
  }

  function currentRow(): VersionRow {
    const row = latest.get();
    if (row) return row;
    write(1, DEFAULT_FUNNEL_STAGES, { name: DEFAULT_AUTHOR, role: 'admin', tokenId: null }, new Date().toISOString());
    const made = latest.get();
    if (!made) throw new Error('the default funnel could not be written');
    return made;
  }

  function current(): Funnel {
    const row = currentRow();
    const signed = signatures(signaturesOf.all(row.version));
    return {
      version: row.version,
      stages: stagesOf(row),
      changedAt: row.changed_at,
      changedBy: row.changed_by,
      signatures: signed,
      agreed: isAgreed(signed),
    };
  }

  return {
    current,
    /** A new version (current + 1) with no signatures. Call inside a transaction. */
    replace(stages: readonly FunnelStage[], author: Author, at: string, note?: string): Funnel {
      write(currentRow().version + 1, stages, author, at, note);
      return current();
    },
    /** Signs `version` for `team` when it is the current one; a team's first signature on a version stands. */
    sign(version: number, team: FunnelTeam, signer: Author, at: string): SignOutcome {
      if (currentRow().version !== version) return 'not-current';
      const info = insertSignature.run({
        version,
        team,
        name: signer.name,
        token: signer.tokenId,
        role: signer.role,
        at,
      });
      return info.changes > 0 ? 'signed' : 'already-signed';
    },
    history(): FunnelVersion[] {
      currentRow();
      const byVersion = new Map<number, SignatureRow[]>();
      for (const s of allSignatures.all()) byVersion.set(s.version, [...(byVersion.get(s.version) ?? []), s]);
      return all.all().map((row) => ({
        version: row.version,
        stages: stagesOf(row),
        changedAt: row.changed_at,
        changedBy: row.changed_by,
        changedByRole: Role.nullable().catch(null).parse(row.changed_by_role),
        note: row.note,
        changes: Changes.parse(JSON.parse(row.changes_json)),
        signatures: signatures(byVersion.get(row.version) ?? []),
      }));
    },
    /** True once any version exists (the seed writes its own first version). */
    exists(): boolean {
      return latest.get() !== undefined;
    },
    /** The seed's first version, with its own author and time. */
    writeFirst(stages: readonly FunnelStage[], author: Author, at: string, note?: string): void {
      write(1, stages, author, at, note);
    },
  };
}

export type FunnelStore = ReturnType<typeof createFunnelStore>;
