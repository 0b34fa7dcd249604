import type { TestProject } from 'vitest/node';
import { createTestDatabase, dropTestDatabase, engineNamed, RUN_DATABASE_ENV } from './test-database.ts';

/**
 * vitest globalSetup of the PostgreSQL projects: one database for the whole run, dropped at the end.
 * Its name reaches the test workers through process.env, which they inherit from this process.
 * The project's `test.env` is not in this process's environment, so the engine is read from the
 * project's config.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const engine = engineNamed(project.config.env?.COALFACE_TEST_ENGINE ?? process.env.COALFACE_TEST_ENGINE);
  if (engine !== 'postgres') return undefined;
  const database = await createTestDatabase();
  process.env[RUN_DATABASE_ENV] = database;
  return async () => {
    delete process.env[RUN_DATABASE_ENV];
    await dropTestDatabase(database);
  };
}
