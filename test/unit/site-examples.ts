/// <reference types="vite/client" />
// Each site's example URLs, from its own folder (`lib/sites/<id>/urls.ts`): test data the adapters do
// not carry, so the content script ships without it. Found by folder, so a new site needs no entry here.
import type { Examples } from '../../lib/sites/types.ts';

const EXAMPLES = import.meta.glob<Examples<string>>('../../lib/sites/*/urls.ts', { eager: true, import: 'examples' });

export function examplesOf(id: string): Examples<string> {
  const examples = EXAMPLES[`../../lib/sites/${id}/urls.ts`];
  if (!examples) throw new Error(`lib/sites/${id}/urls.ts exports no examples`);
  return examples;
}
