import type { Context } from 'hono';
import { type ImportQuery, type ImportResult, routes } from '../../lib/contract/index.ts';
import type { AppEnv } from '../env.ts';
import { ImportError } from '../import/columns.ts';
import { bytesInput } from '../import/input.ts';
import { ImportOptionError, parseImportOptions } from '../import/options.ts';
import { previewImport } from '../import/preview.ts';
import { importInput, summaryLine } from '../import/run.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';

/** The query's options checked by the CLI's own rules, as the arguments it would have been given. */
function optionsOf(query: ImportQuery) {
  const args = [
    ...(query.map ?? []).flatMap((entry) => ['--map', entry]),
    ...(query.stageMap ?? []).flatMap((entry) => ['--stage-map', entry]),
    ...(query.timezone === undefined ? [] : ['--timezone', query.timezone]),
    ...(query.preset === undefined ? [] : ['--preset', query.preset]),
  ];
  return parseImportOptions(query.kind, args);
}

const fileName = (query: ImportQuery) => query.filename ?? 'the uploaded file';

/** A file or options the import cannot take: 422 saying why (the CLI's own sentence); anything else is thrown on. */
function refusal(c: Context<AppEnv>, error: unknown): Response {
  if (error instanceof ImportOptionError) return problem(c, 422, 'bad-import-option', `${error.message}.`);
  if (error instanceof ImportError) return problem(c, 422, 'cannot-import', `${error.message}.`);
  throw error;
}

/**
 * The console's import: the CLI import (server/import/) on a file's bytes sent as the body, with the
 * CLI's options in the query. The preview reads the file as the import would and writes nothing.
 */
export function importRoutes(store: Store, clock: () => Date) {
  return [
    handle(routes.previewImport, async (c, { body, query }) => {
      try {
        const options = optionsOf(query);
        return c.json(await previewImport(store, query.kind, bytesInput(fileName(query), body), options));
      } catch (error) {
        return refusal(c, error);
      }
    }),
    handle(routes.runImport, async (c, { body, query }) => {
      try {
        const options = optionsOf(query);
        const summary = await importInput(store, query.kind, bytesInput(fileName(query), body), {
          ...options,
          log: { write: () => true },
          now: clock,
        });
        const result: ImportResult = {
          kind: summary.kind,
          preset: summary.preset ?? null,
          rows: summary.rows,
          accepted: summary.accepted,
          rejected: summary.rejected,
          duplicates: summary.duplicates,
          skipped: summary.skipped,
          problems: summary.problems,
          problemCount: summary.problemCount,
          summary: summaryLine(summary, fileName(query), 'listed below by row'),
        };
        return c.json(result);
      } catch (error) {
        return refusal(c, error);
      }
    }),
  ];
}
