import { describe, expect, it } from 'vitest';
import { gmail } from '../../lib/sites/gmail/index.ts';
import { ADDRESS_CARRIERS, SELECTORS } from '../../lib/sites/gmail/selectors.ts';
import type { PageLeads } from '../../lib/sites/types.ts';
import { loadGmailFixture } from './gmail-fixture.ts';

const REP = 'alex@coalface-demo.com';

function detectFixture(name: string): PageLeads | null {
  const { doc, url } = loadGmailFixture(name);
  return gmail.detect(doc, url);
}

function emailsOf(page: PageLeads | null): (string | undefined)[] {
  return page?.leads.map((l) => l.email) ?? [];
}

/** A bare page with a title naming the rep, as Gmail's does, and `html` in its body. */
function pageWith(html: string): Document {
  return new DOMParser().parseFromString(
    `<!DOCTYPE html><title>Inbox (3) - ${REP} - Gmail</title><body>${html}</body>`,
    'text/html',
  );
}

const EDITOR = '<div role="textbox" contenteditable="true" aria-label="Message Body"></div>';

function chip(email: string, name: string): string {
  return `<div class="afV" role="option" data-hovercard-id="${email}" data-name="${name}"><div class="akl">${name}</div></div>`;
}

describe('Gmail compose', () => {
  it('a new message shows its To recipients in order, then the colleague in Cc', () => {
    expect(detectFixture('compose-new-dialog.html')).toEqual({
      site: 'gmail',
      view: 'compose',
      leads: [
        { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' },
        { email: 'raj.patel@northwind.io', name: 'Raj Patel' },
        { email: 'sam.ortiz@coalface-demo.com', name: 'Sam Ortiz' },
      ],
      self: REP,
    });
  });

  it('autocomplete suggestions, the From line, the subject, the body and the list behind are not recipients', () => {
    const emails = emailsOf(detectFixture('compose-new-dialog.html'));
    for (const stray of [
      'marcus.chen@northwind.io',
      'raj.patel2@northwind.io',
      'priya.shah@acme-robotics.com',
      'pasted.contact@crm-export.example',
      'news@cloudweekly.example',
      'jordan.wu@contoso.example',
      REP,
    ]) {
      expect(emails).not.toContain(stray);
    }
  });

  it('a compose with no recipient yet is a compose with no lead', () => {
    expect(detectFixture('compose-no-recipient.html')).toEqual({
      site: 'gmail',
      view: 'compose',
      leads: [],
      self: REP,
    });
  });

  it('a compose URL is a compose with no lead while Gmail has not rendered the window yet', () => {
    const { doc } = loadGmailFixture('list-inbox.html');
    const page = gmail.detect(doc, new URL('https://mail.google.com/mail/u/0/#inbox?compose=new'));
    expect(page).toEqual({ site: 'gmail', view: 'compose', leads: [], self: REP });
  });

  it('follows the rep adding recipients, one chip at a time', () => {
    const { doc, url } = loadGmailFixture('compose-no-recipient.html');
    const to = doc.querySelector('div[name="to"] [role="listbox"]');
    to?.insertAdjacentHTML('afterbegin', chip('dana.lee@acme-robotics.com', 'Dana Lee'));
    expect(gmail.detect(doc, url)?.leads).toEqual([{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }]);
    to?.querySelector('input')?.insertAdjacentHTML('beforebegin', chip('raj.patel@northwind.io', 'Raj Patel'));
    expect(emailsOf(gmail.detect(doc, url))).toEqual(['dana.lee@acme-robotics.com', 'raj.patel@northwind.io']);
  });

  it('the older compose: recipients read from its hidden inputs and the textarea, a half-typed address ignored', () => {
    const page = detectFixture('compose-older-ui.html');
    expect(page?.view).toBe('compose');
    expect(page?.leads).toEqual([
      { email: 'dana.lee@acme-robotics.com', name: 'Lee, Dana' },
      { email: 'raj.patel@northwind.io' },
      { email: 'sam.ortiz@coalface-demo.com', name: 'Sam Ortiz' },
    ]);
    expect(emailsOf(page)).not.toContain('bob.nguyen@former-vendor.example');
    expect(emailsOf(page)).not.toContain('carol.diaz@acme-robotics.com');
  });

  it('the 2019 chip UI (span.vN[email] chips) is read from its chips', () => {
    const doc =
      pageWith(`<div role="dialog"><div class="M9"><form><div class="vR"><span class="vN" email="Dana.Lee@acme-robotics.com">Dana Lee</span><input type="hidden" name="to" value="Dana Lee <dana.lee@acme-robotics.com>"></div>
      <textarea name="to"></textarea></form><div role="textbox" contenteditable="true" aria-label="Message Body"></div></div></div>`);
    const lines: [string, string | null, number | undefined][] = [];
    const page = gmail.detect(doc, new URL('https://mail.google.com/mail/u/0/#inbox?compose=new'), (p, m, c) =>
      lines.push([p, m, c]),
    );
    expect(page?.leads).toEqual([{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }]);
    expect(lines).toContainEqual(['recipientChip', 'div.vR span.vN[email]', 1]);
  });

  it('a recipient Gmail shows as "me" and the rep’s own address in To are not leads', () => {
    const doc = pageWith(
      `<div role="dialog"><div name="to">${chip('alex@coalface-demo.com', 'Alex Morgan')}${chip('alex.morgan@coalface-demo.com', 'me')}${chip('dana.lee@acme-robotics.com', 'Dana Lee')}</div>${EDITOR}</div>`,
    );
    const page = gmail.detect(doc, new URL('https://mail.google.com/mail/u/0/#inbox?compose=new'));
    expect(page?.leads).toEqual([{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }]);
  });

  it('a compose window hidden in the page (closed, kept by Gmail) is not read', () => {
    const doc = pageWith(
      `<div role="dialog" style="display: none"><div name="to">${chip('dana.lee@acme-robotics.com', 'Dana Lee')}</div>${EDITOR}</div>`,
    );
    const page = gmail.detect(doc, new URL('https://mail.google.com/mail/u/0/#inbox?compose=new'));
    expect(page?.leads).toEqual([]);
  });

  it('a compose in a container Gmail has renamed is still read, from its editor up to its recipient fields', () => {
    const doc = pageWith(
      `<div class="nX1"><div class="hdr"><div name="to">${chip('dana.lee@acme-robotics.com', 'Dana Lee')}</div></div><div class="bd">${EDITOR}</div></div>`,
    );
    const page = gmail.detect(doc, new URL('https://mail.google.com/mail/u/0/#inbox?compose=new'));
    expect(page?.leads).toEqual([{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }]);
  });

  it('leaves a structure-only trace of the compose it read', () => {
    const { doc, url } = loadGmailFixture('compose-new-dialog.html');
    const lines: [string, string | null, number | undefined][] = [];
    gmail.detect(doc, url, (probe, matched, count) => lines.push([probe, matched, count]));
    expect(lines).toContainEqual(['composeBody', 'div[role=textbox][aria-label="Message Body"]', 1]);
    expect(lines).toContainEqual(['recipientChip', 'div[name=to|cc|bcc] div[role=option][data-hovercard-id]', 3]);
    expect(JSON.stringify(lines)).not.toMatch(/Dana|@acme|@northwind/);
  });
});

describe('Gmail inline reply', () => {
  it('shows the reply’s recipients first, then the thread’s people not in the reply', () => {
    expect(detectFixture('compose-inline-reply.html')).toEqual({
      site: 'gmail',
      view: 'compose',
      leads: [
        { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' },
        { email: 'tom.becker@northwind.io', name: 'Tom Becker' },
        { email: 'priya.shah@acme-robotics.com', name: 'Priya Shah' },
        { email: 'marcus.chen@northwind.io', name: 'Marcus Chen' },
      ],
      self: REP,
    });
  });

  it('addresses quoted in the reply’s body are not leads, in text, in mailto links or in forged chips', () => {
    const emails = emailsOf(detectFixture('compose-inline-reply.html'));
    for (const quoted of [
      'carol.diaz@acme-robotics.com',
      'procurement@acme-robotics.com',
      'spoofed@phish.example',
      'forged.cc@phish.example',
    ]) {
      expect(emails).not.toContain(quoted);
    }
  });

  it('the thread is a thread again once the reply is sent or discarded', () => {
    const { doc, url } = loadGmailFixture('compose-inline-reply.html');
    doc.querySelector('.ip.adB')?.remove();
    expect(gmail.detect(doc, url)).toEqual({
      site: 'gmail',
      view: 'thread',
      leads: [
        { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' },
        { email: 'priya.shah@acme-robotics.com', name: 'Priya Shah' },
        { email: 'marcus.chen@northwind.io', name: 'Marcus Chen' },
      ],
      self: REP,
    });
  });

  it('a reply box that has only its editor so far is a compose showing the thread’s people', () => {
    const { doc, url } = loadGmailFixture('thread-single.html');
    doc
      .querySelector('[role="main"]')
      ?.insertAdjacentHTML(
        'beforeend',
        '<div role="region" aria-label="Reply"><div role="textbox" contenteditable="true" g_editable="true" aria-label="Message Body">Hi Dana,</div></div>',
      );
    expect(gmail.detect(doc, url)).toEqual({
      site: 'gmail',
      view: 'compose',
      leads: [{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }],
      self: REP,
    });
  });
});

describe('Gmail detection reads the thread from one query', () => {
  it('every sender and recipient alternative selects elements that carry an address attribute', () => {
    const doc = document.implementation.createHTMLDocument('');
    for (const alternative of [...SELECTORS.sender, ...SELECTORS.recipient]) {
      // The last compound of each selector must itself ask for one of the carriers' attributes.
      const last = alternative.selector.split(/\s+/).pop() ?? '';
      expect(ADDRESS_CARRIERS.split(', '), alternative.name).toSatisfy((carriers: string[]) =>
        carriers.some((carrier) => last.includes(carrier.replace(/^\[|\]$/g, '').split('*=')[0] ?? '')),
      );
      // And such an element is found by the carriers' query.
      doc.body.innerHTML =
        '<h3 class="iw"><span class="hb"><span class="gD g2" email="a@b.io" data-hovercard-id="a@b.io"></span></span></h3>';
      for (const el of doc.querySelectorAll(alternative.selector)) expect(el.matches(ADDRESS_CARRIERS)).toBe(true);
    }
  });
});
