import { describe, expect, it } from 'vitest';
import { gmail } from '../../lib/sites/gmail/index.ts';
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

describe('Gmail thread', () => {
  it('shows the one outside sender of a thread, named as Gmail shows them', () => {
    const page = detectFixture('thread-single.html');
    expect(page).toEqual({
      site: 'gmail',
      view: 'thread',
      leads: [{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }],
      self: REP,
    });
  });

  it('ignores the senders of the inbox list that Gmail keeps in the page beside the thread', () => {
    const page = detectFixture('thread-single.html');
    expect(emailsOf(page)).not.toContain('news@cloudweekly.example');
    expect(emailsOf(page)).not.toContain('jordan.wu@contoso.example');
  });

  it('puts the most recent outside sender first, then earlier senders, then the people copied', () => {
    const page = detectFixture('thread-multi-party.html');
    expect(page?.leads).toEqual([
      { email: 'raj.patel@northwind.io', name: 'Raj Patel' },
      { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' },
      { email: 'priya.shah@acme-robotics.com', name: 'Priya Shah' },
      { email: 'tom.becker@northwind.io', name: 'Tom Becker' },
    ]);
  });

  it('does not count the rep as a sender, even when the rep wrote the last message under a full name', () => {
    const page = detectFixture('thread-multi-party.html');
    expect(page?.self).toBe(REP);
    expect(emailsOf(page)).not.toContain(REP);
  });

  it('reads the senders of collapsed messages', () => {
    const page = detectFixture('thread-collapsed-quoted.html');
    expect(page?.leads).toEqual([
      { email: 'raj.patel@northwind.io', name: 'Raj Patel' },
      { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' },
    ]);
  });

  it('addresses quoted in an earlier reply are not leads, in plain text, in mailto links or in forged chips', () => {
    const emails = emailsOf(detectFixture('thread-collapsed-quoted.html'));
    for (const quoted of [
      'carol.diaz@acme-robotics.com',
      'procurement@acme-robotics.com',
      'bob.nguyen@former-vendor.example',
      'spoofed@phish.example',
    ]) {
      expect(emails).not.toContain(quoted);
    }
  });

  it('ignores a previously opened thread that lingers hidden in the page', () => {
    expect(emailsOf(detectFixture('thread-collapsed-quoted.html'))).not.toContain('stale.sender@oldthread.example');
  });

  it('ignores the lingering thread also when the URL names the open one by a token rather than its hex id', () => {
    const { doc } = loadGmailFixture('thread-collapsed-quoted.html');
    const page = gmail.detect(doc, new URL('https://mail.google.com/mail/u/0/#all/FMfcgzGwHVFbvGTXwTDwxNJpqdKqnZsM'));
    expect(emailsOf(page)).toEqual(['raj.patel@northwind.io', 'dana.lee@acme-robotics.com']);
  });

  it('reads the thread the URL names by its hex id when two threads are in the page', () => {
    const { doc, url } = loadGmailFixture('thread-collapsed-quoted.html');
    for (const el of doc.querySelectorAll('[style]')) el.removeAttribute('style');
    expect(emailsOf(gmail.detect(doc, url))).toEqual(['raj.patel@northwind.io', 'dana.lee@acme-robotics.com']);
  });

  it('a chip forged inside a message body is not a lead, even when Gmail renames the header markup', () => {
    const doc = document.implementation.createHTMLDocument('Re: Pilot - alex@coalface-demo.com - Gmail');
    doc.body.innerHTML = `<div role="main"><h2 class="hP" data-thread-perm-id="thread-f:1"></h2>
      <div class="adn ads" data-message-id="#msg-f:1"><div class="newHeader"><span class="gD" email="dana.lee@acme-robotics.com" name="Dana Lee"></span></div>
      <div class="ii gt"><div class="a3s aiL"><blockquote><span class="gD" email="spoofed@phish.example" name="Trust Me"></span></blockquote></div></div></div></div>`;
    const page = gmail.detect(doc, new URL('https://mail.google.com/mail/u/0/#inbox/18c2f1a2b3c4d5e6'));
    expect(page?.leads).toEqual([{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }]);
  });

  it('a chip forged in the body does not hide the real sender found by an older selector', () => {
    const doc = document.implementation.createHTMLDocument('Re: Pilot - alex@coalface-demo.com - Gmail');
    doc.body.innerHTML = `<div role="main"><h2 class="hP" data-thread-perm-id="thread-f:1"></h2>
      <div class="adn ads" data-message-id="#msg-f:1"><h3 class="x1"><span data-hovercard-id="dana.lee@acme-robotics.com">Dana Lee</span></h3>
      <div class="a3s aiL"><span class="gD" email="spoofed@phish.example" name="Trust Me"></span></div></div></div>`;
    const page = gmail.detect(doc, new URL('https://mail.google.com/mail/u/0/#inbox/18c2f1a2b3c4d5e6'));
    expect(page?.leads).toEqual([{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }]);
  });

  it('a colleague in Cc is reported but the rep is never a lead', () => {
    const page = detectFixture('thread-colleague-cc.html');
    expect(page?.leads).toEqual([
      { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' },
      { email: 'sam.ortiz@coalface-demo.com', name: 'Sam Ortiz' },
    ]);
    expect(page?.self).toBe(REP);
  });

  it('an address Gmail shows as "me" (a send-as alias of the rep) is never a lead', () => {
    expect(emailsOf(detectFixture('thread-colleague-cc.html'))).not.toContain('alex.morgan@coalface-demo.com');
  });

  it('a recipient shown by name only, with no address, is not a lead', () => {
    const page = detectFixture('thread-name-only.html');
    expect(page?.leads).toEqual([{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }]);
  });

  it('finds the rep from the window title when the account button has not rendered', () => {
    expect(detectFixture('thread-name-only.html')?.self).toBe(REP);
  });

  it('addresses in odd case or with spaces are one lead each, in lower case', () => {
    const page = detectFixture('thread-messy-addresses.html');
    expect(page?.leads).toEqual([
      { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' },
      { email: 'raj.patel@northwind.io', name: 'Raj Patel' },
    ]);
    expect(page?.self).toBe(REP);
  });

  it('the second thread shows only its own sender', () => {
    const page = detectFixture('thread-second.html');
    expect(page).toEqual({
      site: 'gmail',
      view: 'thread',
      leads: [{ email: 'raj.patel@northwind.io', name: 'Raj Patel' }],
      self: REP,
    });
  });
});

describe('Gmail inbox list', () => {
  it('is not a lead page', () => {
    const { doc, url } = loadGmailFixture('list-inbox.html');
    expect(gmail.matchUrl(url)).toBeNull();
    expect(gmail.detect(doc, url)).toBeNull();
  });

  it('shows no lead while the URL already names a thread but Gmail still shows the list', () => {
    const { doc } = loadGmailFixture('list-inbox.html');
    const page = gmail.detect(doc, new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC'));
    expect(page?.leads).toEqual([]);
  });
});

describe('Gmail detection is safe on any page', () => {
  const threadUrl = new URL('https://mail.google.com/mail/u/0/#inbox/18c2f1a2b3c4d5e6');

  it('never throws on an empty document', () => {
    const doc = document.implementation.createHTMLDocument('');
    expect(() => gmail.detect(doc, threadUrl)).not.toThrow();
    expect(gmail.detect(doc, threadUrl)?.leads ?? []).toEqual([]);
  });

  it('never throws on garbage HTML', () => {
    const garbage = '<h2 class="hP" data-thread-perm-id><div data-message-id><<span class="gD" email="@@" name=">>>';
    const doc = new DOMParser().parseFromString(garbage + '</table></tr><x-y z=1>'.repeat(50), 'text/html');
    expect(() => gmail.detect(doc, threadUrl)).not.toThrow();
    expect(gmail.detect(doc, threadUrl)?.leads ?? []).toEqual([]);
  });

  it('returns nothing rather than throwing when the document itself misbehaves', () => {
    const hostile = new Proxy(document.implementation.createHTMLDocument(''), {
      get() {
        throw new Error('boom');
      },
    });
    expect(gmail.detect(hostile, threadUrl)).toBeNull();
  });

  it('takes the rep from a chip shown as "me" when neither the account button nor the title names them', () => {
    const doc = document.implementation.createHTMLDocument('Gmail');
    doc.body.innerHTML = `<div role="main"><h2 class="hP" data-thread-perm-id="thread-f:1" data-legacy-thread-id="18c2f1a2b3c4d5e6"></h2>
      <div class="adn ads" data-message-id="#msg-f:1"><h3 class="iw"><span class="gD" email="dana.lee@acme-robotics.com" name="Dana Lee"></span></h3>
      <span class="hb">to <span class="g2" email="alex@coalface-demo.com" name="me">me</span></span></div></div>`;
    const page = gmail.detect(doc, threadUrl);
    expect(page?.self).toBe(REP);
    expect(page?.leads).toEqual([{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }]);
  });

  it('leaves a structure-only trace of which selectors answered', () => {
    const { doc, url } = loadGmailFixture('thread-messy-addresses.html');
    const lines: [string, string | null, number | undefined][] = [];
    gmail.detect(doc, url, (probe, matched, count) => lines.push([probe, matched, count]));
    expect(lines).toContainEqual(['subject', 'h2.hP[data-thread-perm-id]', 1]);
    expect(lines).toContainEqual(['message', '[data-message-id]', 3]);
    expect(lines).toContainEqual(['sender', 'h3.iw span.gD[email]', 2]);
    expect(lines).toContainEqual(['sender', 'h3 [data-hovercard-id*="@"]', 1]);
    expect(lines).toContainEqual(['self', 'account-label', 1]);
    // Names of alternatives and counts only: nothing the page says.
    expect(JSON.stringify(lines)).not.toMatch(/Austin|Dana|@acme|@northwind/);
  });
});
