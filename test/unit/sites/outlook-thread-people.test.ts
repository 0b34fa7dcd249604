// Which people the sidebar shows for Outlook on the web pages in shapes the captured fixtures do
// not show: threads ordered by their timestamps, collapsed messages, the many forms of From/To
// labels, inline replies still without a recipient well, and URLs at the edges of OWA's routes.
import { describe, expect, it } from 'vitest';
import { detect } from '../../../lib/sites/outlook/detect.ts';
import { outlook } from '../../../lib/sites/outlook/index.ts';
import { routeOf } from '../../../lib/sites/outlook/urls.ts';
import { page, recorder } from './page.ts';

const ITEM = 'AAQkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgAQAKq6%2BsY5bUJNr2mZC8H0J2k%3D';
const READ_URL = new URL(`https://outlook.office.com/mail/inbox/id/${ITEM}`);
const COMPOSE_URL = new URL('https://outlook.office.com/mail/deeplink/compose');
const ME =
  '<button id="O365_MainLink_Me" aria-label="Account manager for Alex Morgan (alex.morgan@northwind.io)">AM</button>';

/** The reading pane of a conversation holding these message items (or, for the single-item view, this header). */
function conversation(items: string, header = ME): Document {
  return page(`<div id="appRoot">${header}<div role="main" aria-label="Inbox"><div id="ReadingPaneContainerId">
    <div id="ConversationReadingPaneContainer"><div role="list">${items}</div></div></div></div></div>`);
}

/** An expanded message from `sender`, with its date as OWA shows it. */
function message(sender: string, address: string, date = '', body = 'Thanks.'): string {
  return `<div role="listitem"><div aria-label="Email message" aria-expanded="true">
    <div aria-label="From: ${sender}"><span role="button" title="${address}">${sender}</span></div>
    <div aria-label="To: Alex Morgan"><span role="button" title="alex.morgan@northwind.io">Alex Morgan</span></div>
    ${date}<div id="UniqueMessageBody_${address.length}" role="document" aria-label="Message body"><p>${body}</p></div>
  </div></div>`;
}

const stamp = (text: string, id = 'm') => `<div id="${id}_DATETIME">${text}</div>`;

function emails(doc: Document, url = READ_URL): (string | undefined)[] | undefined {
  return outlook.detect(doc, url)?.leads.map((l) => l.email);
}

describe('Outlook conversation order: most recent sender first', () => {
  it('when every message shows a date, the dates decide, whatever order the document has', () => {
    const { trace, lines } = recorder();
    const doc = conversation(
      message('Ravi Shah', 'ravi@acme-robotics.com', stamp('Mon 11/17/2025 4:02 PM')) +
        message('Dana Lee', 'dana@acme-robotics.com', stamp('Tue 11/18/2025 9:14 AM')) +
        message('Sam Ortiz', 'sam@acme-robotics.com', stamp('Fri 11/14/2025 10:30 AM')),
    );
    expect(detect(doc, READ_URL, trace)?.leads.map((l) => l.email)).toEqual([
      'dana@acme-robotics.com',
      'ravi@acme-robotics.com',
      'sam@acme-robotics.com',
    ]);
    expect(lines).toContainEqual(['order', 'timestamps', 3]);
    expect(lines).toContainEqual(['message', 'div[aria-label="Email message"]', 3]);
    expect(lines).toContainEqual(['sender', '[aria-label^="From:"]', 3]);
    expect(lines).toContainEqual(['recipient', '[aria-label^="To:"|"Cc:"|"Bcc:"]', 3]);
  });

  it('two messages sent at the same minute: the later one in the document counts as the latest', () => {
    const doc = conversation(
      message('Ravi Shah', 'ravi@acme-robotics.com', stamp('Mon 11/17/2025 4:02 PM')) +
        message('Dana Lee', 'dana@acme-robotics.com', stamp('Mon 11/17/2025 4:02 PM')),
    );
    expect(emails(doc)).toEqual(['dana@acme-robotics.com', 'ravi@acme-robotics.com']);
  });

  it('a date in the element’s datetime (or title) is read before its text ("Yesterday")', () => {
    const time = (iso: string) => `<time datetime="${iso}">Yesterday</time>`;
    const doc = conversation(
      message('Dana Lee', 'dana@acme-robotics.com', time('2025-11-18T09:14:00Z')) +
        message('Ravi Shah', 'ravi@acme-robotics.com', time('2025-11-14T10:30:00Z')),
    );
    expect(emails(doc)).toEqual(['dana@acme-robotics.com', 'ravi@acme-robotics.com']);
    const titled = conversation(
      message('Dana Lee', 'dana@acme-robotics.com', '<div id="a_DATETIME" title="11/18/2025 9:14 AM">Yesterday</div>') +
        message('Ravi Shah', 'ravi@acme-robotics.com', '<div id="b_DATETIME" title="11/14/2025 10:30 AM">Friday</div>'),
    );
    expect(emails(titled)).toEqual(['dana@acme-robotics.com', 'ravi@acme-robotics.com']);
  });

  it('when a date does not parse, or a message shows none, the last message in the document is the latest', () => {
    const { trace, lines } = recorder();
    const doc = conversation(
      message('Dana Lee', 'dana@acme-robotics.com', stamp('Tue 11/18/2025 9:14 AM')) +
        message('Ravi Shah', 'ravi@acme-robotics.com', stamp('Yesterday 4:02 PM')),
    );
    expect(detect(doc, READ_URL, trace)?.leads.map((l) => l.email)).toEqual([
      'ravi@acme-robotics.com',
      'dana@acme-robotics.com',
    ]);
    expect(lines).toContainEqual(['order', 'document', 2]);
    const undated = conversation(
      message('Dana Lee', 'dana@acme-robotics.com') + message('Ravi Shah', 'ravi@acme-robotics.com'),
    );
    expect(emails(undated)).toEqual(['ravi@acme-robotics.com', 'dana@acme-robotics.com']);
  });

  it('a conversation of one dated message is in document order, trivially', () => {
    const { trace, lines } = recorder();
    detect(
      conversation(message('Dana Lee', 'dana@acme-robotics.com', stamp('Tue 11/18/2025 9:14 AM'))),
      READ_URL,
      trace,
    );
    expect(lines).toContainEqual(['order', 'document', 1]);
  });
});

describe('Outlook collapsed messages and the single-item view', () => {
  const collapsed = (persona: string, preview = 'Sounds good') =>
    `<div role="listitem"><div aria-label="Email message" aria-expanded="false">${persona}
      <div id="UniqueMessageBody_c" aria-label="Message body"><p>${preview}</p></div></div></div>`;

  it('a collapsed message gives its sender (the persona with an address), and the trace counts it', () => {
    const { trace, lines } = recorder();
    const doc = conversation(
      collapsed('<span title="ravi@acme-robotics.com">Ravi Shah</span>') +
        message('Dana Lee', 'dana@acme-robotics.com'),
    );
    expect(detect(doc, READ_URL, trace)?.leads).toEqual([
      { email: 'dana@acme-robotics.com', name: 'Dana Lee' },
      { email: 'ravi@acme-robotics.com', name: 'Ravi Shah' },
    ]);
    expect(lines).toContainEqual(['collapsedSender', '[title*="@"]', 1]);
  });

  it('a collapsed message from a display name with no address gives no one, and breaks nothing', () => {
    const doc = conversation(
      collapsed('<span title="Acme Procurement">Acme Procurement</span>') +
        message('Dana Lee', 'dana@acme-robotics.com'),
    );
    expect(emails(doc)).toEqual(['dana@acme-robotics.com']);
  });

  it('an address in a collapsed message’s preview text is not its sender', () => {
    const doc = conversation(
      collapsed(
        '<span>Acme Procurement</span>',
        '<a href="mailto:billing@acme-robotics.com" title="billing@acme-robotics.com">billing</a>',
      ) + message('Dana Lee', 'dana@acme-robotics.com'),
    );
    expect(emails(doc)).toEqual(['dana@acme-robotics.com']);
  });

  it('the single-item view (no message containers) is read as one message, traced as none found', () => {
    const { trace, lines } = recorder();
    const doc = page(`${ME}<div id="ItemReadingPaneContainer">
      <div aria-label="From: Dana Lee"><span title="dana@acme-robotics.com">Dana Lee</span></div>
      <div aria-label="To: Alex Morgan"><span title="alex.morgan@northwind.io">Alex Morgan</span></div></div>`);
    const url = new URL(`https://outlook.office.com/mail/deeplink/read/${ITEM}`);
    expect(detect(doc, url, trace)?.leads).toEqual([{ email: 'dana@acme-robotics.com', name: 'Dana Lee' }]);
    expect(lines).toContainEqual(['message', null, 0]);
  });

  it('an item URL whose reading pane has not rendered yet is a thread with no lead, not an error', () => {
    const { trace, lines } = recorder();
    expect(detect(page(`${ME}<div role="main"></div>`), READ_URL, trace)).toEqual({
      view: 'thread',
      leads: [],
      self: 'alex.morgan@northwind.io',
    });
    expect(lines).toContainEqual(['readingPane', null, 0]);
  });
});

describe('Outlook From/To labels: who they name, and by which name', () => {
  /** A single-item view whose header is these lines. */
  const header = (lines: string) =>
    detect(
      page(`${ME}<div id="ItemReadingPaneContainer">${lines}</div>`),
      new URL(`https://outlook.office.com/mail/deeplink/read/${ITEM}`),
    )?.leads;

  it('a label listing people with commas and semicolons, names quoted or not, gives each their own name', () => {
    expect(
      header(
        `<div aria-label="From: &quot;'Dana Lee'&quot; <dana@acme-robotics.com>"></div>
         <div aria-label="To: Ravi Shah <ravi@acme-robotics.com>, &quot;Sam Ortiz&quot; <sam@acme-robotics.com> ; Jana Novak (jana@stahlwerk-brno.cz) , Lee <Acme> <lee@acme-robotics.com>"></div>`,
      ),
    ).toStrictEqual([
      { email: 'dana@acme-robotics.com', name: 'Dana Lee' },
      { email: 'ravi@acme-robotics.com', name: 'Ravi Shah' },
      { email: 'sam@acme-robotics.com', name: 'Sam Ortiz' },
      { email: 'jana@stahlwerk-brno.cz', name: 'Jana Novak' },
      { email: 'lee@acme-robotics.com', name: 'Lee' },
    ]);
  });

  it('a name of 200 characters is kept; a longer one is some other text and no name', () => {
    const long = 'A'.repeat(200);
    expect(
      header(
        `<div aria-label="From: ${long} <dana@acme-robotics.com>"></div><div aria-label="To: ${long}B <ravi@acme-robotics.com>"></div>`,
      ),
    ).toStrictEqual([{ email: 'dana@acme-robotics.com', name: long }, { email: 'ravi@acme-robotics.com' }]);
  });

  it('a persona showing only an avatar takes the name of the From line around it', () => {
    expect(
      header('<div aria-label="From: Dana Lee"><span title="dana@acme-robotics.com"><img alt=""></span></div>'),
    ).toEqual([{ email: 'dana@acme-robotics.com', name: 'Dana Lee' }]);
  });

  it('a persona’s own name wins over its line’s shorter label', () => {
    expect(header('<div aria-label="From: Dana"><span title="dana@acme-robotics.com">Dana Lee</span></div>')).toEqual([
      { email: 'dana@acme-robotics.com', name: 'Dana Lee' },
    ]);
  });

  it('a persona’s aria-label name is read before its text (initials)', () => {
    expect(
      header(
        '<div aria-label="To: Dana Lee"><span aria-label="Dana Lee" title="dana@acme-robotics.com">DL</span></div>',
      ),
    ).toEqual([{ email: 'dana@acme-robotics.com', name: 'Dana Lee' }]);
  });

  it('persona text in the "Name<address>" form gives the name without the address', () => {
    expect(
      header(`<div aria-label="To: Dana Lee; Ravi Shah"><span title="dana@acme-robotics.com">Dana Lee&lt;dana@acme-robotics.com&gt;</span>;
        <span title="ravi@acme-robotics.com">Ravi Shah&lt;ravi@acme-robotics.com&gt;</span></div>`),
    ).toEqual([
      { email: 'dana@acme-robotics.com', name: 'Dana Lee' },
      { email: 'ravi@acme-robotics.com', name: 'Ravi Shah' },
    ]);
  });

  it('a line naming one person over two personas lends the name to neither', () => {
    expect(
      header(`<div aria-label="Cc: Dana Lee +1"><span title="dana@acme-robotics.com"></span><span title="ravi@acme-robotics.com"></span></div>
        <div aria-label="Bcc: Sam Ortiz +1"><span title="jana@stahlwerk-brno.cz">Jana Novak</span><span title="sam@acme-robotics.com"></span></div>`),
    ).toStrictEqual([
      { email: 'dana@acme-robotics.com' },
      { email: 'ravi@acme-robotics.com' },
      { email: 'jana@stahlwerk-brno.cz', name: 'Jana Novak' },
      { email: 'sam@acme-robotics.com' },
    ]);
  });

  it('one persona naming two addresses gives both, and neither the persona’s text as a name', () => {
    expect(
      header(
        '<div aria-label="To:"><span title="dana@acme-robotics.com; ravi@acme-robotics.com">Dana Lee; Ravi Shah</span></div>',
      ),
    ).toStrictEqual([{ email: 'dana@acme-robotics.com' }, { email: 'ravi@acme-robotics.com' }]);
  });
});

describe('Outlook compose forms', () => {
  it('a new message whose recipient well has not rendered yet is a compose page with no lead yet', () => {
    const { trace, lines } = recorder();
    const doc = page(
      `${ME}<div id="ReadingPaneContainerId"><div><div role="textbox" contenteditable="true" aria-label="Message body, press Alt+F10 to exit"></div></div></div>`,
    );
    expect(detect(doc, COMPOSE_URL, trace)).toEqual({ view: 'compose', leads: [], self: 'alex.morgan@northwind.io' });
    expect(lines).toContainEqual([
      'composeBody',
      'div[role=textbox][contenteditable=true][aria-label*="Message body"]',
      1,
    ]);
    expect(lines).toContainEqual(['recipientWell', null, 0]);
  });

  it('the recipients of a compose form are traced by the well that held them', () => {
    const { trace, lines } = recorder();
    const doc =
      page(`${ME}<div><div data-testid="RecipientWell" aria-label="To"><span title="dana@acme-robotics.com">Dana Lee</span></div>
      <div role="textbox" contenteditable="true" aria-label="Message body"></div></div>`);
    expect(detect(doc, COMPOSE_URL, trace)?.leads).toEqual([{ email: 'dana@acme-robotics.com', name: 'Dana Lee' }]);
    expect(lines).toContainEqual(['recipientWell', '[data-testid="RecipientWell"]', 1]);
  });

  it('a compose editor left hidden in the page does not make a read page a compose page', () => {
    const { trace, lines } = recorder();
    const doc = conversation(
      `${message('Dana Lee', 'dana@acme-robotics.com')}<div style="display: none"><div data-testid="RecipientWell" aria-label="To"></div>
        <div role="textbox" contenteditable="true" aria-label="Message body"></div></div>`,
    );
    expect(detect(doc, READ_URL, trace)?.view).toBe('thread');
    expect(lines).toContainEqual([
      'composeBody',
      'div[role=textbox][contenteditable=true][aria-label*="Message body"]',
      0,
    ]);
    expect(outlook.detect(page('<p></p>'), READ_URL)).toEqual({ site: 'outlook', view: 'thread', leads: [] });
    const none = recorder();
    detect(page('<p></p>'), READ_URL, none.trace);
    expect(none.lines).toContainEqual(['composeBody', null, 0]);
  });

  it('an inline reply without its well yet, under messages whose To lines are wells, keeps the thread’s people', () => {
    const read = `<div role="listitem"><div aria-label="Email message">
      <div aria-label="From: Dana Lee"><span title="dana@acme-robotics.com">Dana Lee</span></div>
      <div data-testid="RecipientWell"><span title="ravi@acme-robotics.com">Ravi Shah</span></div></div></div>`;
    const reply =
      '<div class="reply"><div role="textbox" contenteditable="true" aria-label="Message body"></div></div>';
    const leads = outlook.detect(conversation(read + reply), READ_URL);
    expect(leads?.view).toBe('compose');
    expect(leads?.leads.map((l) => l.email)).toEqual(['dana@acme-robotics.com', 'ravi@acme-robotics.com']);
  });
});

describe('Outlook URLs at the edges of its routes', () => {
  it.each([
    ['https://outlook.live.com/mail/12/deeplink/compose', 'compose'], // a later account index
    ['https://outlook.office.com/mail/group/acme-robotics.com/sales/email', 'list'], // a group mailbox
    ['https://outlook.office.com/mail/%E0%A4%A/inbox', 'list'], // a malformed escape is a folder id, not an error
  ])('%s is %s', (url, route) => {
    expect(routeOf(new URL(url))).toBe(route);
  });

  it.each([
    'https://outlook.office.com/mail/group/acme-robotics.com/sales/email/extra',
    'https://outlook.office.com/mail/inbox/(x)',
    'https://outlook.office.com/mail/deeplink/compose/new',
    `https://outlook.office.com/mail/deeplink/attachment/${ITEM}`,
  ])('%s shows no lead', (url) => {
    expect(routeOf(new URL(url))).toBeNull();
  });
});
