// Mutation testing (`npm run test:mutation`): Stryker changes the code below one small edit at a
// time and runs the unit and server tests that cover it; a mutant no test notices is a gap in the net.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.ts' },
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant or table) is live in every test, so each one reruns the
  // whole suite: in server/domain 28% of the mutants took an estimated 97% of the time (7 h of 7.2).
  // They are left out of the run and of both scores, and reported as ignored.
  ignoreStatic: true,
  mutate: [
    'server/domain/**/*.ts',
    'server/store/**/*.ts',
    'server/auth.ts',
    'server/rate-limit.ts',
    'server/limits/**/*.ts',
    'server/body.ts',
    'lib/sites/**/*.ts',
    'lib/background/**/*.ts',
    'lib/contract/**/*.ts',
    'console/lib/**/*.{ts,tsx}',
    '!**/*.test.{ts,tsx}',
    '!**/*.d.ts',
  ],
  // Two cores shared with other work.
  concurrency: 2,
  // Each sandbox gets what the tests read (the built console included: the server serves it), never
  // databases, the extension builds or reports.
  ignorePatterns: [
    '.output/*',
    '!.output/console',
    'data',
    'bench/.data',
    'test-results',
    'reports',
    'docs/screenshots',
  ],
  // The vitest runner does not type-check, and fixtures are HTML that is not ours to parse.
  disableTypeChecks: false,
  tempDirName: '.stryker-tmp',
  // A later run retests only the mutants whose code or covering tests changed since this file was written.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 10_000,
};
