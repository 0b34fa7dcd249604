// Whether a DOM change can alter what a site's detect finds (lib/sites/types.ts `Reads`).
// Most of a live mail app's changes are typing, tooltips and animations; skipping them keeps the
// content script off the host page's main thread.
import type { Reads } from '../sites/types.ts';

function holdsRead(node: Node, elements: readonly string[]): boolean {
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const el = node as Element;
  for (const selector of elements) if (el.matches(selector) || el.querySelector(selector)) return true;
  return false;
}

/** True when the record cannot change the answer. */
export function changesNothing(record: MutationRecord, reads: Reads): boolean {
  if (record.type !== 'childList') return false;
  const target = record.target;
  if (target.nodeType !== Node.ELEMENT_NODE || (target as Element).closest(reads.textOf)) return false;
  for (const node of record.addedNodes) if (holdsRead(node, reads.elements)) return false;
  for (const node of record.removedNodes) if (holdsRead(node, reads.elements)) return false;
  return true;
}
