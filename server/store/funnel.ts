import type { Selectable } from 'kysely';
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
import type { FunnelSignaturesTable, FunnelVersionsTable } from '../db/tables.ts';
import { DEFAULT_FUNNEL_STAGES, describeChanges, isAgreed } from '../domain/funnel.ts';
import type { StoreContext } from './context.ts';

type VersionRow = Selectable<FunnelVersionsTable>;
type SignatureRow = Selectable<FunnelSignaturesTable>;

const Stages = z.array(FunnelStage);
const Changes = z.array(z.string());

export const DEFAULT_AUTHOR = 'Coalface (default funnel)';

/** Who wrote or signed: a token's caller, or the seed / the default. */
export type Author = Pick<Me, 'name' | 'role'> & { tokenId: string | null };

export type SignOutcome = 'signed' | 'already-signed' | 'not-current';

/** The funnel definition: immutable versions (the highest is current) and their signatures. */
export function createFunnelStore(ctx: StoreContext) {
  const latest = () =>
    ctx.db.selectFrom('funnel_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
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

  async function write(version: number, stages: readonly FunnelStage[], author: Author, at: string, note?: string) {
    const before = version > 1 ? ((await latest()) ?? null) : null;
    await ctx.db
      .insertInto('funnel_versions')
      .values({
        version,
        stages_json: JSON.stringify(stages),
        note: note ?? null,
        changes_json: JSON.stringify(describeChanges(before ? stagesOf(before) : null, stages)),
        changed_by: author.name,
        changed_by_token: author.tokenId,
        changed_by_role: author.role,
        changed_at: at,
      })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute();
  }

  async function currentRow(): Promise<VersionRow> {
    const row = await latest();
    if (row) return row;
    await write(
      1,
      DEFAULT_FUNNEL_STAGES,
      { name: DEFAULT_AUTHOR, role: 'admin', tokenId: null },
      new Date().toISOString(),
    );
    const made = await latest();
    if (!made) throw new Error('the default funnel could not be written');
    return made;
  }

  async function current(): Promise<Funnel> {
    const row = await currentRow();
    const signed = signatures(
      await ctx.db.selectFrom('funnel_signatures').selectAll().where('version', '=', row.version).execute(),
    );
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
    async replace(stages: readonly FunnelStage[], author: Author, at: string, note?: string): Promise<Funnel> {
      await write((await currentRow()).version + 1, stages, author, at, note);
      return current();
    },
    /** Signs `version` for `team` when it is the current one; a team's first signature on a version stands. */
    async sign(version: number, team: FunnelTeam, signer: Author, at: string): Promise<SignOutcome> {
      if ((await currentRow()).version !== version) return 'not-current';
      const result = await ctx.db
        .insertInto('funnel_signatures')
        .values({
          version,
          team,
          signer_name: signer.name,
          signer_token: signer.tokenId,
          signer_role: signer.role,
          signed_at: at,
        })
        .onConflict((oc) => oc.columns(['version', 'team']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'signed' : 'already-signed';
    },
    async history(): Promise<FunnelVersion[]> {
      await currentRow();
      const byVersion = new Map<number, SignatureRow[]>();
      for (const s of await ctx.db.selectFrom('funnel_signatures').selectAll().execute()) {
        byVersion.set(s.version, [...(byVersion.get(s.version) ?? []), s]);
      }
      const rows = await ctx.db.selectFrom('funnel_versions').selectAll().orderBy('version', 'desc').execute();
      return rows.map((row) => ({
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
    async exists(): Promise<boolean> {
      return (await latest()) !== undefined;
    },
    /** The seed's first version, with its own author and time. */
    async writeFirst(stages: readonly FunnelStage[], author: Author, at: string, note?: string): Promise<void> {
      await write(1, stages, author, at, note);
    },
  };
}

export type FunnelStore = ReturnType<typeof createFunnelStore>;
