// The demo data without its eight weeks of uses and verdicts, and the demo tokens, for end-to-end
// tests that count verdicts of their own (`startEndpoint({ history: false })`).
// Usage: tsx test/e2e/seed-without-history.ts DB TOKENS_FILE
import { writeFileSync } from 'node:fs';
import { createDemoTokens, seedDemo } from '../../server/seed/demo.ts';
import { openStore } from '../../server/store/index.ts';

const [db, tokensFile] = process.argv.slice(2);
if (!db || !tokensFile) throw new Error('usage: seed-without-history.ts DB TOKENS_FILE');
const store = await openStore(db);
try {
  await seedDemo(store, { history: false });
  writeFileSync(tokensFile, JSON.stringify(await createDemoTokens(store)), { mode: 0o600 });
} finally {
  await store.close();
}
