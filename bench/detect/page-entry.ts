// Bundled into the benchmark page (no extension APIs): the content script's detection, run by the
// same watchPage the content script uses, with hooks to time it and to count scheduled work.
import { readWithTrace, watchPage } from '../../lib/content/watch.ts';

interface Counters {
  timeouts: number;
  intervals: number;
  frames: number;
  observerCallbacks: number;
}

const counters: Counters = { timeouts: 0, intervals: 0, frames: 0, observerCallbacks: 0 };

// Count every callback the watcher schedules: timers, frames, mutation-observer deliveries.
const realSetTimeout = window.setTimeout.bind(window);
const realSetInterval = window.setInterval.bind(window);
const realRaf = window.requestAnimationFrame.bind(window);
window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
  counters.timeouts++;
  return realSetTimeout(handler, ms, ...args);
}) as typeof window.setTimeout;
window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
  counters.intervals++;
  return realSetInterval(handler, ms, ...args);
}) as typeof window.setInterval;
window.requestAnimationFrame = (callback) => {
  counters.frames++;
  return realRaf(callback);
};
const RealObserver = window.MutationObserver;
window.MutationObserver = class extends RealObserver {
  constructor(callback: MutationCallback) {
    super((records, observer) => {
      counters.observerCallbacks++;
      callback(records, observer);
    });
  }
};

let reports = 0;
const controller = new AbortController();
const watcher = watchPage({
  signal: controller.signal,
  report() {
    reports++;
  },
});

/**
 * One mutation batch of a rotating kind, as a live Gmail thread produces them: a line typed into a
 * message, a line removed, text added beside the recipients, and (one in four) a sender's chip
 * rendered anew, which could change who is shown and so is detected in full.
 */
function mutate(i: number): void {
  const thread = document.getElementById('thread');
  const messages = thread?.querySelectorAll('[data-message-id]');
  const target = messages?.[i % (messages?.length || 1)];
  switch (i % 4) {
    case 0: {
      const body = target?.querySelector('.a3s');
      const line = document.createElement('div');
      line.textContent = `typing ${i}`;
      body?.append(line);
      break;
    }
    case 1:
      target?.querySelector('.a3s > div:last-child')?.remove();
      break;
    case 3: {
      const chip = target?.querySelector('span.gD');
      chip?.replaceWith(chip.cloneNode(true));
      break;
    }
    default: {
      const chip = target?.querySelector('span.hb');
      chip?.append(document.createTextNode(' '));
    }
  }
}

const bench = {
  nodes: () => document.getElementsByTagName('*').length,
  leads: () => readWithTrace(document, location.href).page?.leads.length ?? 0,
  /** Durations (ms) of the check each of `batches` mutation batches triggers, and whether it detected in full. */
  detect(batches: number): { ms: number; full: boolean }[] {
    const times: { ms: number; full: boolean }[] = [];
    for (let i = 0; i < batches; i++) {
      mutate(i);
      const start = performance.now();
      const result = watcher.check();
      times.push({ ms: performance.now() - start, full: result !== 'skipped' });
    }
    return times;
  },
  counters: () => ({ ...counters, reports }),
  resetCounters() {
    counters.timeouts = 0;
    counters.intervals = 0;
    counters.frames = 0;
    counters.observerCallbacks = 0;
  },
};

Object.assign(window, { __bench: bench });
