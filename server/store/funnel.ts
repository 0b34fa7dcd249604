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
import { createChangeStore } from './changes.ts';
import { atomically, type StoreContext } from './context.ts';

type VersionRow = Selectable<FunnelVersionsTable>;
type SignatureRow = Selectable<FunnelSignaturesTable>;

const Stages = z.array(FunnelStage);
const Changes = z.array(z.string());

export const DEFAULT_AUTHOR = 'Coalface (default funnel)';

/** Who wrote or signed: a token's caller, or the seed / the default. */
export type Author = Pick<Me, 'name' | 'role'> & { tokenId: string | null };

export type SignOutcome = 'signed' | 'already-signed' | 'not-current';

/** The change feed's id for the funnel: one definition, its versions told apart by `version`. */
export const FUNNEL_CHANGE_ID = 'funnel';

/**
 * The funnel definition: immutable versions (the highest is current) and their signatures. A new
 * version, and a version's second team signing it, change what the sidebar's stage chip shows: each
 * appends a `funnel` change in its own transaction, so open sidebars ask again (as for a talking point).
 */
export function createFunnelStore(ctx: StoreContext) {
  const latest = (c: StoreContext = ctx) =>
    c.db.selectFrom('funnel_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
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

  async function write(
    c: StoreContext,
    version: number,
    stages: readonly FunnelStage[],
    author: Author,
    at: string,
    note?: string,
  ) {
    const before = version > 1 ? ((await latest(c)) ?? null) : null;
    await c.db
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

  async function currentRow(c: StoreContext = ctx): Promise<VersionRow> {
    const row = await latest(c);
    if (row) return row;
    await write(
      c,
      1,
      DEFAULT_FUNNEL_STAGES,
      { name: DEFAULT_AUTHOR, role: 'admin', tokenId: null },
      new Date().toISOString(),
    );
    const made = await latest(c);
    if (!made) throw new Error('the default funnel could not be written');
    return made;
  }

  const signaturesOf = async (c: StoreContext, version: number) =>
    signatures(await c.db.selectFrom('funnel_signatures').selectAll().where('version', '=', version).execute());

  async function current(c: StoreContext = ctx): Promise<Funnel> {
    const row = await currentRow(c);
    const signed = await signaturesOf(c, row.version);
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
    current: (): Promise<Funnel> => current(),
    /** A new version (current + 1) with no signatures, and its change; in the caller's transaction when it holds one. */
    async replace(stages: readonly FunnelStage[], author: Author, at: string, note?: string): Promise<Funnel> {
      return atomically(ctx, async (tx) => {
        const version = (await currentRow(tx)).version + 1;
        await write(tx, version, stages, author, at, note);
        await createChangeStore(tx).append('funnel', FUNNEL_CHANGE_ID, 'upsert', version, at);
        return current(tx);
      });
    },
    /**
     * Signs `version` for `team` when it is the current one; a team's first signature on a version
     * stands. The signature that makes the version agreed appends its change (the first one changes
     * nothing a sidebar shows).
     */
    async sign(version: number, team: FunnelTeam, signer: Author, at: string): Promise<SignOutcome> {
      return atomically(ctx, async (tx) => {
        if ((await currentRow(tx)).version !== version) return 'not-current';
        const result = await tx.db
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
        if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return 'already-signed';
        if (isAgreed(await signaturesOf(tx, version))) {
          await createChangeStore(tx).append('funnel', FUNNEL_CHANGE_ID, 'upsert', version, at);
        }
        return 'signed';
      });
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
      await write(ctx, 1, stages, author, at, note);
    },
  };
}

export type FunnelStore = ReturnType<typeof createFunnelStore>;
