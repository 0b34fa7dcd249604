// What a detection may keep from the one before: an adapter stores what it read of one part of the
// page (a message of a thread) and gets it back at the next detection if nothing under that part
// changed since. The watcher says what changed: the targets of the mutations it saw. A live thread's
// mutation batch touches one message, so the others are not read again.

/** An adapter's view of what it may keep, for one detection. */
export interface Memo {
  /** What was stored for `el` under `kind` at the last detection, if nothing under `el` changed since. */
  get<T>(el: Element, kind: string): T | undefined;
  set<T>(el: Element, kind: string, value: T): void;
}

// Past this many changed places in one interval, checking each stored part against them costs more
// than reading again: everything counts as changed.
const MAX_CHANGED = 64;

interface Entry {
  detection: number;
  value: unknown;
}

/**
 * The watcher's side: `changed` for every mutation that could alter what detection finds, `forget`
 * when the page is another (a navigation), `begin` at each detection. An entry lives only from one
 * detection to the next: one not asked for at a detection is gone, as it was never checked against
 * what changed meanwhile.
 */
export function createMemo() {
  let detection = 0;
  let changed: Node[] = [];
  let everything = true;
  const kinds = new Map<string, WeakMap<Element, Entry>>();
  const entriesOf = (kind: string) => {
    const entries = kinds.get(kind) ?? new WeakMap<Element, Entry>();
    kinds.set(kind, entries);
    return entries;
  };

  return {
    changed(node: Node): void {
      if (everything) return;
      if (changed.length >= MAX_CHANGED) {
        everything = true;
        changed = [];
      } else changed.push(node);
    },
    forget(): void {
      everything = true;
      changed = [];
    },
    begin(): Memo {
      const previous = detection++;
      const current = detection;
      const since = changed;
      const anything = everything;
      changed = [];
      everything = false;
      return {
        get<T>(el: Element, kind: string): T | undefined {
          const entry = kinds.get(kind)?.get(el);
          if (anything || !entry || entry.detection !== previous) return undefined;
          for (const node of since) if (el.contains(node)) return undefined;
          entry.detection = current;
          return entry.value as T;
        },
        set<T>(el: Element, kind: string, value: T): void {
          entriesOf(kind).set(el, { detection: current, value });
        },
      };
    },
  };
}
