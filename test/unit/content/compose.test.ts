// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPOSE_BODIES, composeSiteOf, watchCompose } from '../../../lib/content/compose.ts';

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => {
  controller.abort();
  document.body.replaceChildren();
});

const GMAIL_BODY = '<div role="textbox" contenteditable="true" aria-label="Message Body" g_editable="true"></div>';

function compose(html: string): HTMLElement[] {
  document.body.innerHTML = html;
  return Array.from(document.querySelectorAll<HTMLElement>('[contenteditable="true"]'));
}

describe('inserting a talking point', () => {
  it('is not offered on the CRMs', () => {
    expect(composeSiteOf('acme.lightning.force.com')).toBeNull();
    expect(composeSiteOf('app.hubspot.com')).toBeNull();
    const composer = watchCompose(document, 'app.hubspot.com', controller.signal);
    expect(composer.insert('Hello')).toEqual({ ok: false, reason: 'not-supported' });
  });

  it('says there is no compose when none is open', () => {
    document.body.innerHTML = '<div role="main">an open thread</div>';
    expect(watchCompose(document, 'mail.google.com', controller.signal).insert('Hi')).toEqual({
      ok: false,
      reason: 'no-compose',
    });
  });

  it('goes into the only compose, at its end when the rep never put a caret there', () => {
    const [body] = compose(GMAIL_BODY.replace('></div>', '>Hi Dana,</div>'));
    const composer = watchCompose(document, 'mail.google.com', controller.signal);
    expect(composer.insert(' Saw you downloaded the playbook.')).toEqual({ ok: true });
    expect(body?.textContent).toBe('Hi Dana, Saw you downloaded the playbook.');
  });

  it('goes where the caret was, restored after the rep clicked into the sidebar', () => {
    const [body] = compose(GMAIL_BODY.replace('></div>', '>Hi Dana,  Best, Alex</div>'));
    const text = body?.firstChild as Text;
    const composer = watchCompose(document, 'mail.google.com', controller.signal);
    const range = document.createRange();
    range.setStart(text, 'Hi Dana, '.length);
    range.collapse(true);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    document.dispatchEvent(new Event('selectionchange'));
    document.getSelection()?.removeAllRanges(); // the click in the sidebar iframe
    composer.insert('How is the pilot?');
    expect(body?.textContent).toBe('Hi Dana, How is the pilot? Best, Alex');
  });

  it('with several composes, goes into the one last focused, and refuses to guess otherwise', () => {
    const bodies = compose(`<div role="dialog">${GMAIL_BODY}</div><div role="dialog">${GMAIL_BODY}</div>`);
    const composer = watchCompose(document, 'mail.google.com', controller.signal);
    expect(composer.insert('Hi')).toEqual({ ok: false, reason: 'no-compose' });
    bodies[1]?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(composer.insert('Hi')).toEqual({ ok: true });
    expect(bodies.map((b) => b.textContent)).toEqual(['', 'Hi']);
  });

  it('tells the editor through an input event when it falls back to a plain insertion', () => {
    const [body] = compose(
      '<div role="textbox" contenteditable="true" aria-label="Message body, press Alt+F10 to exit"></div>',
    );
    let inputs = 0;
    body?.addEventListener('input', () => inputs++);
    watchCompose(document, 'outlook.office.com', controller.signal).insert('Hello');
    expect(body?.textContent).toBe('Hello');
    expect(inputs).toBeGreaterThan(0);
  });

  it('keeps each selector with the month it was seen', () => {
    for (const probe of Object.values(COMPOSE_BODIES))
      for (const alternative of probe) expect(alternative.seen).toMatch(/^\d{4}-\d{2}$/);
  });
});
