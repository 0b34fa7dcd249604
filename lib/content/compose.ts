// Putting a talking point into the compose open on the page, at the rep's caret, only when the rep
// asked for it from the sidebar. The rep clicked inside the sidebar's iframe, so the page's focus and
// selection are gone by then: the last caret inside a compose body is remembered and restored first.
import type { InsertReply } from '../messages.ts';
import type { Registry } from '../sites/create-registry.ts';
import { anyOf, type Probe } from '../sites/probe.ts';
import { registry } from '../sites/registry.ts';
import { safe } from './safe.ts';

/** Each site's compose editor, as the site declares it (its `compose`), by site id. The CRMs have none. */
export const COMPOSE_BODIES: Record<string, Probe> = Object.fromEntries(
  registry.sites.flatMap((site) => (site.compose ? [[site.id, site.compose]] : [])),
);

/** Which site's compose this host has, or null for a host whose site has no compose (the CRMs). */
export function composeSiteOf(hostname: string, sites: Registry = registry): string | null {
  const site = sites.siteOnHost(hostname);
  return site?.compose ? site.id : null;
}

export interface Composer {
  insert(text: string): InsertReply;
}

export function watchCompose(
  doc: Document,
  hostname: string,
  signal: AbortSignal,
  sites: Registry = registry,
): Composer {
  const editor = sites.siteOnHost(hostname)?.compose ?? null;
  const selector = editor ? anyOf(editor) : '';
  let lastBody: Element | undefined;
  let lastRange: Range | undefined;

  const bodyOf = (node: Node | null | undefined): Element | null => {
    const element = node instanceof Element ? node : (node?.parentElement ?? null);
    return element?.closest(selector) ?? null;
  };

  if (editor) {
    // Cheap: one closest() per selection change, nothing while the page is quiet.
    doc.addEventListener(
      'selectionchange',
      safe(() => {
        const selection = doc.getSelection();
        if (!selection || selection.rangeCount === 0) return;
        const body = bodyOf(selection.anchorNode);
        if (!body) return;
        lastBody = body;
        lastRange = selection.getRangeAt(0).cloneRange();
      }),
      { signal },
    );
    doc.addEventListener(
      'focusin',
      safe((event: FocusEvent) => {
        const body = bodyOf(event.target as Node | null);
        if (body && body !== lastBody) {
          lastBody = body;
          lastRange = undefined;
        }
      }),
      { signal },
    );
  }

  function target(): HTMLElement | null {
    const bodies = Array.from(doc.querySelectorAll<HTMLElement>(selector));
    if (lastBody?.isConnected && bodies.includes(lastBody as HTMLElement)) return lastBody as HTMLElement;
    return bodies.length === 1 ? (bodies[0] ?? null) : null;
  }

  function caretIn(body: HTMLElement): Range {
    if (
      body === lastBody &&
      lastRange &&
      body.contains(lastRange.startContainer) &&
      body.contains(lastRange.endContainer)
    )
      return lastRange;
    const end = doc.createRange();
    end.selectNodeContents(body);
    end.collapse(false);
    return end;
  }

  return {
    insert(text) {
      if (!editor) return { ok: false, reason: 'not-supported' };
      const body = target();
      if (!body) return { ok: false, reason: 'no-compose' };
      body.focus();
      const selection = doc.getSelection();
      if (!selection) return { ok: false, reason: 'no-compose' };
      selection.removeAllRanges();
      selection.addRange(caretIn(body));
      const before = body.textContent;
      let inserted = false;
      try {
        // The editor's own path: its undo stack and its listeners see a normal insertion.
        inserted = doc.execCommand('insertText', false, text) && body.textContent !== before;
      } catch {
        inserted = false;
      }
      if (!inserted) insertByRange(doc, body, selection, text);
      lastBody = body;
      if (selection.rangeCount > 0) lastRange = selection.getRangeAt(0).cloneRange();
      return { ok: true };
    },
  };
}

/** When execCommand is refused: a text node at the caret, then the `input` event editors listen for. */
function insertByRange(doc: Document, body: HTMLElement, selection: Selection, text: string): void {
  const range = selection.rangeCount > 0 ? selection.getRangeAt(0) : doc.createRange();
  if (!body.contains(range.startContainer)) {
    range.selectNodeContents(body);
    range.collapse(false);
  }
  range.deleteContents();
  const node = doc.createTextNode(text);
  range.insertNode(node);
  range.setStartAfter(node);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
  body.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
}
