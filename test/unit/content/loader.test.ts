// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { LOAD_CONTENT_SCRIPT, loadAfterPageLoad } from '../../../lib/content/loader.ts';

function loadingWindow() {
  let state: DocumentReadyState = 'loading';
  const win = Object.create(window) as Window;
  Object.defineProperty(win, 'document', {
    value: {
      get readyState() {
        return state;
      },
    },
  });
  const listeners: (() => void)[] = [];
  win.addEventListener = ((type: string, listener: () => void) => {
    if (type === 'load') listeners.push(listener);
  }) as Window['addEventListener'];
  win.setTimeout = ((handler: () => void) => {
    queued.push(handler);
    return 0;
  }) as Window['setTimeout'];
  const queued: (() => void)[] = [];
  return {
    win,
    load() {
      state = 'complete';
      for (const listener of listeners) listener();
    },
    runTasks() {
      for (const task of queued.splice(0)) task();
    },
  };
}

describe('the loader', () => {
  it('asks for the content script only in a task after the load event', () => {
    const page = loadingWindow();
    const sendMessage = vi.fn(() => Promise.resolve(undefined));
    loadAfterPageLoad(page.win, { sendMessage });
    page.runTasks();
    expect(sendMessage).not.toHaveBeenCalled();
    page.load();
    // Not inside the load event, which the page's load would wait on.
    expect(sendMessage).not.toHaveBeenCalled();
    page.runTasks();
    expect(sendMessage).toHaveBeenCalledExactlyOnceWith(LOAD_CONTENT_SCRIPT);
  });

  it('asks at once on a page already loaded', () => {
    const page = loadingWindow();
    page.load();
    const sendMessage = vi.fn(() => Promise.resolve(undefined));
    loadAfterPageLoad(page.win, { sendMessage });
    page.runTasks();
    expect(sendMessage).toHaveBeenCalledTimes(1);
  });

  it('throws nothing into the page when the extension is gone from under it', () => {
    const page = loadingWindow();
    loadAfterPageLoad(page.win, {
      sendMessage: () => {
        throw new Error('Extension context invalidated.');
      },
    });
    page.load();
    expect(() => page.runTasks()).not.toThrow();
    const refused = vi.fn(() => Promise.reject(new Error('Could not establish connection.')));
    loadAfterPageLoad(page.win, { sendMessage: refused });
    expect(() => page.runTasks()).not.toThrow();
    expect(refused).toHaveBeenCalledTimes(1);
  });
});
