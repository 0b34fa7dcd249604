import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outlook } from '../../lib/sites/outlook/index.ts';
import { examples } from '../../lib/sites/outlook/urls.ts';
import type { PageLeads, View } from '../../lib/sites/types.ts';

const ITEM = 'AAQkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgAQAKq6%2BsY5bUJNr2mZC8H0J2k%3D';
const LIVE_ITEM = 'AQQkADAwATYwMAItYmE2Ny1hZjk0LTAwAi0wMAoAEADfc%2BKhyG4oRLqvUb2Yq%2BXz';
const READ_ITEM = 'AAMkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgBGAAAAAAC7%2FvZk1JHPTr1hBwAV7bG4AAA%3D';

const FIXTURES = join(import.meta.dirname, '../fixtures/outlook');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.html`), 'utf8');
}

function load(name: string): Document {
  return new DOMParser().parseFromString(fixture(name), 'text/html');
}

/** The URL a fixture says it stands for, from its header comment. */
function urlOf(name: string): URL {
  const match = /URL:\s*(\S+)/.exec(fixture(name));
  if (!match?.[1]) throw new Error(`${name}.html has no URL in its header comment`);
  return new URL(match[1]);
}

function detectFixture(name: string): PageLeads | null {
  return outlook.detect(load(name), urlOf(name));
}

function emails(page: PageLeads | null): (string | undefined)[] {
  return page?.leads.map((l) => l.email) ?? [];
}

describe('Outlook reading pane', () => {
  it('puts the latest sender first, then earlier senders, then recipients, without the rep', () => {
    const page = detectFixture('thread-collapsed');
    expect(page?.view).toBe('thread');
    expect(page?.self).toBe('alex.morgan@northwind.io');
    expect(page?.leads).toEqual([
      { email: 'sam.ortiz@acme-robotics.com', name: 'Sam Ortiz' },
      { email: 'dana@acme-robotics.com', name: 'Dana Lee' },
      { email: 'priya.shah@northwind.io', name: 'Priya Shah' },
    ]);
  });

  it('reads the sender of a collapsed message from its persona, never from its preview', () => {
    const found = emails(detectFixture('thread-collapsed'));
    expect(found).toContain('dana@acme-robotics.com');
    expect(found).not.toContain('dana.lee.personal@gmail.com');
  });

  it('shows no one from the message list beside the reading pane', () => {
    const found = [...emails(detectFixture('thread-collapsed')), ...emails(detectFixture('compose-new-from-list'))];
    expect(found).not.toContain('jordan@blake-consulting.co.uk');
    expect(found).not.toContain('newsletter@globex.com');
  });

  it('leaves a colleague in Cc after the outside people, for the internal-domain filter to drop', () => {
    const found = emails(detectFixture('thread-collapsed'));
    expect(found.at(-1)).toBe('priya.shah@northwind.io');
  });

  it('addresses quoted in an earlier message are not leads', () => {
    const page = detectFixture('thread-quoted-reply');
    expect(emails(page)).toEqual([
      'dana@acme-robotics.com',
      'alex.morgan@northwind.io',
      'jordan@blake-consulting.co.uk',
    ]);
    for (const quoted of ['mark.chen@globex.com', 'security@acme-robotics.com', 'procurement@globex.com']) {
      expect(emails(page)).not.toContain(quoted);
    }
  });

  it('takes names from "Name <address>" labels', () => {
    const page = detectFixture('thread-quoted-reply');
    expect(page?.leads.map((l) => l.name)).toEqual(['Dana Lee', 'Alex Morgan', 'Jordan Blake']);
  });

  it('when the rep’s address is not on the page, self is unknown and the rep is left to the domain filter', () => {
    const page = detectFixture('thread-quoted-reply');
    expect(page?.self).toBeUndefined();
    expect(emails(page)).toContain('alex.morgan@northwind.io');
  });

  it('with "newest on top", the dates decide who wrote last', () => {
    const page = detectFixture('thread-newest-on-top');
    expect(page?.self).toBe('alex.morgan@northwind.io');
    expect(emails(page)).toEqual([
      'jordan@blake-consulting.co.uk',
      'sam.ortiz@acme-robotics.com',
      'priya.shah@northwind.io',
    ]);
  });

  it('a name without an address is not a lead', () => {
    const page = detectFixture('thread-newest-on-top');
    expect(page?.leads.some((l) => l.name === 'Acme Procurement')).toBe(false);
    expect(page?.leads.every((l) => l.email?.includes('@'))).toBe(true);
  });

  it('reads outlook.live.com’s layout, with the rep from the folder pane', () => {
    const page = detectFixture('thread-live');
    expect(page).toEqual({
      site: 'outlook',
      view: 'thread',
      self: 'alex.morgan@outlook.com',
      leads: [
        { email: 'dana@acme-robotics.com', name: 'Dana Lee' },
        { email: 'sam.ortiz@acme-robotics.com', name: 'Sam Ortiz' },
      ],
    });
  });

  it('reads the single-item view as one message', () => {
    const page = detectFixture('thread-single-item');
    expect(page?.view).toBe('thread');
    expect(page?.self).toBeUndefined();
    expect(page?.leads).toEqual([
      { email: 'dana@acme-robotics.com', name: 'Dana Lee' },
      { email: 'alex.morgan@northwind.io', name: 'Alex Morgan' },
    ]);
  });
});

describe('Outlook compose', () => {
  it('lists To chips, then Cc, with the rep from the From line', () => {
    const page = detectFixture('compose-deeplink');
    expect(page).toEqual({
      site: 'outlook',
      view: 'compose',
      self: 'alex.morgan@northwind.io',
      leads: [
        { email: 'dana@acme-robotics.com', name: 'Dana Lee' },
        { email: 'ops@acme-robotics.com' },
        { email: 'priya.shah@northwind.io', name: 'Priya Shah' },
      ],
    });
  });

  it('an address typed in the message body is not a lead', () => {
    expect(emails(detectFixture('compose-deeplink'))).not.toContain('ceo@acme-robotics.com');
  });

  it('a new message with no recipient yet is a compose view with no lead', () => {
    expect(detectFixture('compose-new-from-list')).toEqual({ site: 'outlook', view: 'compose', leads: [] });
  });

  it('the inbox list with nothing being written shows no lead view', () => {
    expect(detectFixture('none-inbox-list')).toBeNull();
  });

  it('an inline reply makes a reading URL a compose view: the people written to, then the conversation', () => {
    const page = detectFixture('compose-inline-reply');
    expect(page?.view).toBe('compose');
    expect(page?.self).toBe('alex.morgan@northwind.io');
    expect(page?.leads).toEqual([
      { email: 'dana@acme-robotics.com', name: 'Dana Lee' },
      { email: 'priya.shah@northwind.io', name: 'Priya Shah' },
      { email: 'sam.ortiz@acme-robotics.com', name: 'Sam Ortiz' },
    ]);
  });

  it('the original quoted in an inline reply adds no one, and a group chip without an address is not a lead', () => {
    const found = emails(detectFixture('compose-inline-reply'));
    for (const quoted of ['rollout-team@acme-robotics.com', 'vp.ops@acme-robotics.com']) {
      expect(found).not.toContain(quoted);
    }
    expect(detectFixture('compose-inline-reply')?.leads.some((l) => l.name === 'Acme Buying Team')).toBe(false);
  });

  it('reads the older recipient wells on outlook.live.com, with a typed address that has no name', () => {
    expect(detectFixture('compose-live')).toEqual({
      site: 'outlook',
      view: 'compose',
      self: 'alex.morgan@outlook.com',
      leads: [{ email: 'jordan@blake-consulting.co.uk' }, { email: 'sam.ortiz@acme-robotics.com', name: 'Sam Ortiz' }],
    });
  });

  it('a lone typed address in the To well gets no name, not the field’s "To"', () => {
    const doc = new DOMParser().parseFromString(
      `<div data-app-section="MailCompose">
        <div data-testid="RecipientWell" aria-label="To"><span title="dana@acme-robotics.com">dana@acme-robotics.com</span></div>
        <div role="textbox" contenteditable="true" aria-label="Message body"></div>
      </div>`,
      'text/html',
    );
    expect(outlook.detect(doc, new URL('https://outlook.office.com/mail/deeplink/compose'))?.leads).toEqual([
      { email: 'dana@acme-robotics.com' },
    ]);
  });

  it('a full compose page still loading is a compose view with no lead', () => {
    const doc = new DOMParser().parseFromString('<html><body></body></html>', 'text/html');
    expect(outlook.detect(doc, new URL('https://outlook.office.com/mail/deeplink/compose'))).toEqual({
      site: 'outlook',
      view: 'compose',
      leads: [],
    });
  });
});

describe('Outlook URLs', () => {
  const views = Object.entries(examples).filter(([view]) => view !== 'none') as [View, string[]][];

  it.each(views.flatMap(([view, urls]) => urls.map((url) => [view, url] as const)))('%s: %s', (view, url) => {
    expect(outlook.matchUrl(new URL(url))).toBe(view);
  });

  it.each(examples.none)('none: %s', (url) => {
    expect(outlook.matchUrl(new URL(url))).toBeNull();
  });

  it('every fixture stands for a URL of the view it shows', () => {
    const fixtures: [string, View | null][] = [
      ['thread-collapsed', 'thread'],
      ['thread-quoted-reply', 'thread'],
      ['thread-newest-on-top', 'thread'],
      ['thread-live', 'thread'],
      ['thread-single-item', 'thread'],
      ['compose-deeplink', 'compose'],
      ['compose-new-from-list', 'compose'],
      ['compose-live', 'compose'],
      ['none-inbox-list', 'compose'],
    ];
    for (const [name, view] of fixtures) expect(outlook.matchUrl(urlOf(name)), name).toBe(view);
    expect(outlook.matchUrl(new URL(`https://outlook.live.com/mail/0/inbox/id/${LIVE_ITEM}`))).toBe('thread');
    expect(outlook.matchUrl(new URL(`https://outlook.office.com/mail/deeplink/read/${READ_ITEM}`))).toBe('thread');
  });
});

describe('Outlook detection never breaks the page', () => {
  const url = new URL(`https://outlook.office.com/mail/inbox/id/${ITEM}`);

  it('an empty document on a reading URL is a thread with no lead', () => {
    const doc = new DOMParser().parseFromString('', 'text/html');
    expect(outlook.detect(doc, url)).toEqual({ site: 'outlook', view: 'thread', leads: [] });
  });

  it('garbage markup does not throw', () => {
    const garbage = [
      '<div id="ConversationReadingPaneContainer"><div aria-label="Email message"><div aria-label="From: <<@@>>; ;;"><span title="@">',
      '<div aria-label="From: Dana Lee <dana@acme-robotics.com" title="To: (((("></div>',
      `<div data-app-section="ConversationContainer">${'<div aria-label="Email message">'.repeat(200)}</div>`,
      '<div role="textbox" contenteditable="true" aria-label="Message body"></div><div data-testid="RecipientWell" aria-label="To: x@y; <z@w.io>"></div>',
    ];
    for (const html of garbage) {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      expect(() => outlook.detect(doc, url)).not.toThrow();
      expect(() => outlook.detect(doc, new URL('https://outlook.office.com/mail/inbox'))).not.toThrow();
    }
  });

  it('a URL outside mail reads nothing', () => {
    expect(
      outlook.detect(load('thread-collapsed'), new URL('https://outlook.office.com/calendar/view/week')),
    ).toBeNull();
  });

  it('traces structure only: alternative names and counts, never page text', () => {
    const lines: [string, string | null, number | undefined][] = [];
    outlook.detect(load('thread-collapsed'), urlOf('thread-collapsed'), (probe, matched, count) =>
      lines.push([probe, matched, count]),
    );
    expect(lines).toContainEqual(['readingPane', '#ConversationReadingPaneContainer', 1]);
    expect(lines).toContainEqual(['self', 'account-label', 1]);
    expect(JSON.stringify(lines)).not.toMatch(/acme-robotics|northwind|Sam|Dana|Pilot/);
  });
});
