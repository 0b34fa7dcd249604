// Which people the sidebar shows for Gmail pages in shapes the captured fixtures do not show: the
// order of several senders, chips of both kinds in one line, threads without message containers,
// the rep found by the document title or a "me" chip, and the address fields of the older UI.
import { describe, expect, it } from 'vitest';
import { detect } from '../../../lib/sites/gmail/detect.ts';
import { fieldText, peopleInText, personOf } from '../../../lib/sites/gmail/people.ts';
import { brokenDocument, recorder } from './page.ts';

const THREAD_URL = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC');
const COMPOSE_URL = new URL('https://mail.google.com/mail/u/0/#inbox?compose=new');
const ACCOUNT =
  '<a class="gb_B" role="button" aria-label="Google Account: Alex Morgan  &#10;(alex@coalface-demo.com)"></a>';

function gmail(main: string, { title = 'Pilot timeline - Gmail', header = ACCOUNT } = {}): Document {
  return new DOMParser().parseFromString(
    `<!DOCTYPE html><html><head><title>${title}</title></head><body><header id="gb">${header}</header>
    <div class="nH" role="main">${main}</div></body></html>`,
    'text/html',
  );
}

const SUBJECT =
  '<div class="ha"><h2 class="hP" data-thread-perm-id="thread-f:1790421735012345678" data-legacy-thread-id="18c2f1a2b3c4d5e6">Pilot timeline</h2></div>';

const chip = (cls: string, email: string, name: string) =>
  `<span translate="no" class="${cls}" email="${email}" name="${name}" data-hovercard-id="${email}"><span>${name}</span></span>`;
const ME = chip('g2', 'alex@coalface-demo.com', 'me');

/** The header of one message: its sender's h3, then its "to" line. */
const headers = (from: string, to: string) =>
  `<div class="gE iv gt"><h3 class="iw gFxsud"><span class="qu">${from}</span></h3><div class="iw ajw"><span class="hb">to ${to}</span></div></div>`;

function message(id: number, from: string, to: string): string {
  return `<div role="listitem"><div class="adn ads" data-message-id="#msg-f:${id}">${headers(from, to)}
    <div class="ii gt"><div class="a3s aiL"><div dir="ltr">Thanks, see you then.</div></div></div></div></div>`;
}

const thread = (messages: string, after = '') =>
  `<div class="nH">${SUBJECT}<div role="list">${messages}</div>${after}</div>`;
const DANA = chip('gD', 'dana.lee@acme-robotics.com', 'Dana Lee');
const RAVI = chip('gD', 'ravi.shah@acme-robotics.com', 'Ravi Shah');

describe('Gmail thread: senders most recent first, then recipients', () => {
  it('the sender of the last message comes first; the rep is left out and traced by the account button', () => {
    const { trace, lines } = recorder();
    const doc = gmail(thread(message(1, DANA, ME) + message(2, RAVI, ME)));
    expect(detect(doc, THREAD_URL, trace)).toStrictEqual({
      view: 'thread',
      leads: [
        { email: 'ravi.shah@acme-robotics.com', name: 'Ravi Shah' },
        { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' },
      ],
      self: 'alex@coalface-demo.com',
    });
    expect(lines).toContainEqual(['recipient', 'span.hb span.g2[email]', 2]);
  });

  it('recipients shown as a mix of hovercard-only and address chips keep the order they are shown in', () => {
    const to = `<span data-hovercard-id="ravi.shah@acme-robotics.com">Ravi Shah</span>, <span email="jana.novak@stahlwerk-brno.cz" data-hovercard-id="jana.novak@stahlwerk-brno.cz">Jana Novak</span>`;
    const doc = gmail(thread(message(1, DANA, to)));
    expect(detect(doc, THREAD_URL)?.leads.map((l) => l.email)).toEqual([
      'dana.lee@acme-robotics.com',
      'ravi.shah@acme-robotics.com',
      'jana.novak@stahlwerk-brno.cz',
    ]);
  });

  it('a group address shown before the sender (its avatar’s hovercard) is not a sender', () => {
    const from = `<img data-hovercard-id="sales@acme-robotics.com" alt=""> ${DANA}`;
    const doc = gmail(thread(message(1, from, ME)));
    expect(detect(doc, THREAD_URL)?.leads).toEqual([{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }]);
  });

  it('a sender header outside any message container (one still loading) is not read', () => {
    const loading = `<div class="adn"><h3 class="iw">${chip('gD', 'jordan.wu@contoso.example', 'Jordan Wu')}</h3></div>`;
    const doc = gmail(thread(message(1, DANA, ME), loading));
    expect(detect(doc, THREAD_URL)?.leads.map((l) => l.email)).toEqual(['dana.lee@acme-robotics.com']);
  });

  it('a thread shown without message containers is read from its headers as one message', () => {
    const doc = gmail(
      `<div class="nH">${SUBJECT}${headers(DANA, `${ME}, ${chip('g2', 'ravi.shah@acme-robotics.com', 'Ravi Shah')}`)}</div>`,
    );
    expect(detect(doc, THREAD_URL)?.leads).toEqual([
      { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' },
      { email: 'ravi.shah@acme-robotics.com', name: 'Ravi Shah' },
    ]);
  });

  it('"undisclosed-recipients" is no one', () => {
    const doc = gmail(thread(message(1, DANA, chip('g2', 'undisclosed-recipients:;', 'undisclosed-recipients'))));
    expect(detect(doc, THREAD_URL)?.leads).toEqual([{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }]);
  });

  it('a thread URL whose thread has not rendered is a thread with no lead (and no self when none is shown)', () => {
    const { trace, lines } = recorder();
    const doc = gmail('<div class="aeF"><div class="Cp">Loading…</div></div>', { header: '' });
    expect(detect(doc, THREAD_URL, trace)).toStrictEqual({ view: 'thread', leads: [] });
    expect(lines).toContainEqual(['subject', null, 0]);
    expect(lines).toContainEqual(['message', null, 0]);
    expect(lines).toContainEqual(['self', null, 0]);
  });

  it('a compose over the inbox does not read the thread Gmail keeps in the page behind it', () => {
    const doc = gmail(`<div style="display: none">${thread(message(1, DANA, ME))}</div>`);
    expect(detect(doc, COMPOSE_URL)).toStrictEqual({ view: 'compose', leads: [], self: 'alex@coalface-demo.com' });
  });

  it('a page that cannot be read is no page, traced as such', () => {
    const { trace, lines } = recorder();
    expect(detect(brokenDocument(), THREAD_URL, trace)).toBeNull();
    expect(lines).toContainEqual(['detect', null, 0]);
  });
});

describe('Gmail: telling the rep apart', () => {
  const ALEX = chip('g2', 'alex@coalface-demo.com', 'Alex Morgan');

  it('with no address on the account button, the document title names the rep, even when the subject holds an address', () => {
    const { trace, lines } = recorder();
    const doc = gmail(thread(message(1, DANA, ALEX)), {
      title: 'Intro to dana.lee@acme-robotics.com - alex@coalface-demo.com - Gmail',
      header: '<a role="button" aria-label="Google Account: Alex Morgan"></a>',
    });
    const page = detect(doc, THREAD_URL, trace);
    expect(page?.self).toBe('alex@coalface-demo.com');
    expect(page?.leads.map((l) => l.email)).toEqual(['dana.lee@acme-robotics.com']);
    expect(lines).toContainEqual(['self', 'document-title', 1]);
  });

  it('an account label with trailing spaces after the address still names the rep', () => {
    const doc = gmail(thread(message(1, DANA, ALEX)), {
      header: '<a role="button" aria-label="Google Account: Alex Morgan (alex@coalface-demo.com)  "></a>',
    });
    expect(detect(doc, THREAD_URL)?.leads.map((l) => l.email)).toEqual(['dana.lee@acme-robotics.com']);
  });

  it('with neither, the chip Gmail names "me" is the rep', () => {
    const { trace, lines } = recorder();
    const doc = gmail(thread(message(1, DANA, ME)), { header: '' });
    expect(detect(doc, THREAD_URL, trace)?.self).toBe('alex@coalface-demo.com');
    expect(lines).toContainEqual(['self', 'name="me"', 1]);
  });
});

describe('Gmail address chips and the older UI’s recipient fields', () => {
  const el = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.firstElementChild as Element;

  it('a chip with an address and no name gives just the address; one with no address gives no one', () => {
    expect(personOf(el('<span email="Dana.Lee@Acme-Robotics.com"></span>'))).toStrictEqual({
      email: 'dana.lee@acme-robotics.com',
      isMe: false,
    });
    expect(personOf(el('<span email="undisclosed-recipients:;">undisclosed-recipients</span>'))).toBeNull();
  });

  it('a text field names each person once, drops what is no address, and gives no name to a bare address', () => {
    expect(
      peopleInText('"Lee, Dana" <dana.lee@acme-robotics.com>, Team <team>, ravi.shah@acme-robotics.com'),
    ).toStrictEqual([
      { email: 'dana.lee@acme-robotics.com', name: 'Lee, Dana', isMe: false },
      { email: 'ravi.shah@acme-robotics.com', isMe: false },
    ]);
  });

  it('only the first 10,000 characters of a pasted field are read', () => {
    expect(peopleInText(`${', '.repeat(5_000)}dana.lee@acme-robotics.com`)).toEqual([]);
  });

  it('a textarea is read as typed; an element with no value by its text', () => {
    const area = el('<textarea name="to">old@acme-robotics.com</textarea>') as HTMLTextAreaElement;
    area.value = 'dana.lee@acme-robotics.com';
    expect(fieldText(area)).toBe('dana.lee@acme-robotics.com');
    expect(fieldText(el('<div name="to">ravi.shah@acme-robotics.com</div>'))).toBe('ravi.shah@acme-robotics.com');
    expect(fieldText(el('<input type="hidden" name="to" value="jana@stahlwerk-brno.cz">'))).toBe(
      'jana@stahlwerk-brno.cz',
    );
  });
});
