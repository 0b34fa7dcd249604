// How the rep left the dock on each site: collapsed or not, and how wide. Kept in storage.local
// under 'dock'; checked by hand, since the content script carries no zod.
import { browser } from 'wxt/browser';
import type { SiteId } from '../sites/types.ts';

export const MIN_WIDTH = 300;
export const MAX_WIDTH = 560;
export const DEFAULT_WIDTH = 360;
const KEY = 'dock';

export interface DockMemory {
  collapsed: boolean;
  width: number;
}

export const clampWidth = (width: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));

function memoryOf(raw: unknown): DockMemory {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    collapsed: value.collapsed === true,
    width: typeof value.width === 'number' && Number.isFinite(value.width) ? clampWidth(value.width) : DEFAULT_WIDTH,
  };
}

async function readAll(): Promise<Record<string, unknown>> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  return typeof stored === 'object' && stored !== null ? { ...(stored as Record<string, unknown>) } : {};
}

export async function recall(site: SiteId): Promise<DockMemory> {
  try {
    return memoryOf((await readAll())[site]);
  } catch {
    return memoryOf(undefined);
  }
}

export async function remember(site: SiteId, memory: DockMemory): Promise<void> {
  try {
    const all = await readAll();
    all[site] = { collapsed: memory.collapsed, width: clampWidth(memory.width) };
    await browser.storage.local.set({ [KEY]: all });
  } catch {
    // Forgetting a width is not worth an error in the host page.
  }
}
