// The vitest configuration Stryker runs: the unit and server projects of vitest.config.ts, never e2e
// (it drives a real browser and takes minutes per run, far too slow to repeat once per mutant) nor
// server-pg (the same server tests again on PostgreSQL: a mutant is killed or not on SQLite alone).
// Tests whose every check runs in a child process (the CLI, a server killed mid-write, the extension
// build) are left out too: Stryker activates a mutant inside the test's own process only, so they
// could never kill one, and under a mutation run's load they only time out.
import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

const CHILD_PROCESS_ONLY = [
  'test/server/cli.test.ts',
  'test/server/durability.test.ts',
  'test/server/graceful-shutdown.test.ts',
  'test/server/instances.test.ts',
  'test/server/readme-commands.test.ts',
  'test/unit/manifest.test.ts',
];

const projects = (base.test?.projects ?? []).flatMap((project) =>
  typeof project === 'object' && 'test' in project && !['e2e', 'server-pg'].includes(String(project.test?.name))
    ? [{ ...project, test: { ...project.test, exclude: [...configDefaults.exclude, ...CHILD_PROCESS_ONLY] } }]
    : [],
);

export default defineConfig({ ...base, test: { ...base.test, projects } });
