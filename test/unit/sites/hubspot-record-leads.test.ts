// Which lead the sidebar shows for HubSpot record pages in the shapes the captured fixtures do not
// show: addresses only in a mailto link or an input, cards that are stale in subtler ways, and
// association cards that are not HubSpot's known chicklet containers.
import { describe, expect, it } from 'vitest';
import { detect } from '../../../lib/sites/hubspot/detect.ts';
import { hubspot } from '../../../lib/sites/hubspot/index.ts';
import { brokenDocument, page, recorder } from './page.ts';

const CONTACT_URL = new URL('https://app.hubspot.com/contacts/2214431/record/0-1/751');
const COMPANY_URL = new URL('https://app.hubspot.com/contacts/2214431/record/0-2/9201');
const contact = (id: string) => ({ system: 'hubspot', objectType: 'contact', id });

/** A contact record page: the left sidebar's highlight card, then whatever else the sidebar shows. */
function contactPage(card: string, sidebar = ''): Document {
  return page(`<div id="hs-page-content" class="page"><div data-test-id="record-page">
    <div data-scroll-trackable-container="left-sidebar">${card}${sidebar}</div></div></div>`);
}

function highlight(inner: string, attrs = ''): string {
  return `<div data-selenium-component="ProfileHighlightContainer" ${attrs}><div data-test-id="record-highlight-main-content">${inner}</div></div>`;
}

const TITLE = '<h3><span data-selenium-test="highlightTitle"><span>Dana   Lee</span></span></h3>';

function leadsOn(doc: Document, url = CONTACT_URL) {
  return hubspot.detect(doc, url)?.leads;
}

describe('HubSpot contact card: where its address is read from', () => {
  it('an address only in the mailto link (the link says "Send email") is read from the link, query dropped', () => {
    const doc = contactPage(
      highlight(
        `${TITLE}<div data-selenium-test="highlightSubtitle"><a href="mailto:Dana.Lee@Acme-Robotics.com?subject=Hello">Send email</a></div>`,
      ),
    );
    expect(leadsOn(doc)).toStrictEqual([
      { crmRef: contact('751'), name: 'Dana Lee', email: 'dana.lee@acme-robotics.com' },
    ]);
  });

  it('an address shown as the text of a link that opens HubSpot’s own composer is read from its text', () => {
    const doc = contactPage(
      highlight(
        `${TITLE}<div data-selenium-test="highlightSubtitle"><a href="#" role="button">dana.lee@acme-robotics.com</a></div>`,
      ),
    );
    expect(leadsOn(doc)?.[0]?.email).toBe('dana.lee@acme-robotics.com');
  });

  it('an address shown in a leaf of the subtitle is read; a sentence around an address is not', () => {
    const doc = contactPage(
      highlight(
        `${TITLE}<div data-selenium-test="highlightSubtitle"><span>Buyer</span><span>dana.lee@acme-robotics.com</span></div>`,
      ),
    );
    expect(leadsOn(doc)?.[0]?.email).toBe('dana.lee@acme-robotics.com');
  });

  it('the About card’s Email property as an input is read from its value', () => {
    const doc = contactPage(
      highlight(TITLE),
      `<div data-test-id="about-card"><label>Email</label>
        <input data-selenium-test="property-input-email" type="text" value=" Jana.Novak@Stahlwerk-Brno.cz "></div>`,
    );
    expect(leadsOn(doc)).toStrictEqual([
      { crmRef: contact('751'), name: 'Dana Lee', email: 'jana.novak@stahlwerk-brno.cz' },
    ]);
  });

  it('a card without a title shows the contact without a name, with the About card’s address', () => {
    const { trace, lines } = recorder();
    const doc = contactPage(
      highlight('<div data-selenium-test="highlightSubtitle"><span>VP Operations</span></div>'),
      `<div data-test-id="about-card"><div data-selenium-test="property-input-email"><span><span class="private-truncated-string__inner">dana.lee@acme-robotics.com</span></span></div></div>`,
    );
    const found = detect(doc, CONTACT_URL, trace);
    // No `name` key at all: not even one holding undefined.
    expect(found).toStrictEqual({
      view: 'record',
      leads: [{ crmRef: contact('751'), email: 'dana.lee@acme-robotics.com' }],
    });
    expect(lines).toEqual([
      ['highlight', '[data-selenium-component="ProfileHighlightContainer"]', 1],
      ['title', null, 0],
      ['cardEmail', null, 0],
      ['propertyEmail', '[data-selenium-test="property-input-email"] truncated string', 1],
    ]);
  });

  it('the trace of a full card names the title and the card’s mailto link, with counts', () => {
    const { trace, lines } = recorder();
    const doc = contactPage(
      highlight(
        `${TITLE}<div data-selenium-test="highlightSubtitle"><a href="mailto:dana.lee@acme-robotics.com">Email</a></div>`,
      ),
    );
    detect(doc, CONTACT_URL, trace);
    expect(lines).toEqual([
      ['highlight', '[data-selenium-component="ProfileHighlightContainer"]', 1],
      ['title', '[data-selenium-test="highlightTitle"]', 1],
      ['cardEmail', 'card a[href^="mailto:"]', 1],
    ]);
  });

  it('a page whose card has not rendered yet shows the contact by record id, and the trace says only that', () => {
    const { trace, lines } = recorder();
    const doc = contactPage('<div class="private-loading-spinner"></div>');
    expect(detect(doc, CONTACT_URL, trace)).toStrictEqual({ view: 'record', leads: [{ crmRef: contact('751') }] });
    expect(lines).toEqual([['highlight', null, 0]]);
  });
});

describe('HubSpot contact card still showing another contact', () => {
  it('a card whose own data-object-id names another contact is not read', () => {
    const { trace, lines } = recorder();
    const doc = contactPage(
      highlight(
        '<h3><span data-selenium-test="highlightTitle">Owen Hart</span></h3><a href="mailto:owen.hart@harbor-freight-co.com">owen.hart@harbor-freight-co.com</a>',
        'data-object-id="620"',
      ),
    );
    expect(detect(doc, CONTACT_URL, trace)?.leads).toStrictEqual([{ crmRef: contact('751') }]);
    expect(lines).toContainEqual(['stale-card', 'other contact id', 1]);
  });

  it('a card whose avatar links to another contact (no data-object-id anywhere) is not read', () => {
    const doc = contactPage(
      highlight(
        '<a class="Avatar" href="/contacts/2214431/record/0-1/620"><img alt=""></a><h3><span data-selenium-test="highlightTitle">Owen Hart</span></h3><a href="mailto:owen.hart@harbor-freight-co.com">owen</a>',
      ),
    );
    expect(leadsOn(doc)).toStrictEqual([{ crmRef: contact('751') }]);
  });

  it('a card naming the same contact by link is read', () => {
    const doc = contactPage(
      highlight(
        `<a class="Avatar" href="/contacts/2214431/record/0-1/751/view/1"><img alt=""></a>${TITLE}<a href="mailto:dana.lee@acme-robotics.com">Email</a>`,
      ),
    );
    expect(leadsOn(doc)).toStrictEqual([
      { crmRef: contact('751'), name: 'Dana Lee', email: 'dana.lee@acme-robotics.com' },
    ]);
  });

  it('links and ids in the card that name no contact record do not make it look stale', () => {
    const doc = contactPage(
      highlight(
        `<span data-object-id="0-1:620"></span>${TITLE}<a href="/contacts/2214431/contact/new">Create contact</a><a href="mailto:dana.lee@acme-robotics.com">Email</a>`,
      ),
    );
    expect(leadsOn(doc)).toStrictEqual([
      { crmRef: contact('751'), name: 'Dana Lee', email: 'dana.lee@acme-robotics.com' },
    ]);
  });
});

/** A company record page: its own highlight card, and the right sidebar's Contacts association card. */
function companyPage(contacts: string, around = ''): Document {
  return page(`<div id="hs-page-content" class="page"><div data-test-id="record-page">
    <div data-scroll-trackable-container="left-sidebar">
      <div data-selenium-component="ProfileHighlightContainer"><span data-selenium-test="highlightTitle">Acme Robotics</span></div>
    </div>
    <div data-scroll-trackable-container="right-sidebar">${around}
      <div data-test-id="association-card-0-1"><h2>Contacts</h2>${contacts}</div>
    </div></div></div>`);
}

/** An association row in the 2025 layout: plain divs around a link to the contact record. */
function row(id: string, name: string, email = ''): string {
  return `<div class="sc-row"><div class="sc-name"><a href="/contacts/2214431/record/0-1/${id}">${name}</a></div>
    <div class="sc-title"><span>Buyer</span></div>${email ? `<span>${email}</span>` : ''}</div>`;
}

describe('HubSpot company page: each associated contact with the address its own row shows', () => {
  it('rows that are plain divs each give their own contact their own address', () => {
    const { trace, lines } = recorder();
    const doc = companyPage(
      `<div class="sc-list">${row('751', 'Dana Lee', 'dana.lee@acme-robotics.com')}${row('812', 'Ravi Shah', 'ravi.shah@acme-robotics.com')}</div>`,
    );
    expect(detect(doc, COMPANY_URL, trace)?.leads).toStrictEqual([
      { crmRef: contact('751'), name: 'Dana Lee', email: 'dana.lee@acme-robotics.com' },
      { crmRef: contact('812'), name: 'Ravi Shah', email: 'ravi.shah@acme-robotics.com' },
    ]);
    expect(lines).toEqual([
      ['contactLink', 'a[href*="/record/0-1/"]', 2],
      ['associatedEmail', 'card', 2],
    ]);
  });

  it('a contact without an address does not take its neighbour’s', () => {
    const doc = companyPage(
      `<div class="sc-list">${row('751', 'Dana Lee', 'dana.lee@acme-robotics.com')}${row('812', 'Ravi Shah')}</div>`,
    );
    expect(leadsOn(doc, COMPANY_URL)).toStrictEqual([
      { crmRef: contact('751'), name: 'Dana Lee', email: 'dana.lee@acme-robotics.com' },
      { crmRef: contact('812'), name: 'Ravi Shah' },
    ]);
  });

  it('a lone contact does not take an address from the header above the page content', () => {
    const doc =
      page(`<header id="hs-nav-v4"><a href="mailto:alex.morgan@coalface-demo.com">alex.morgan@coalface-demo.com</a></header>
      <main><section><div><a href="/contacts/2214431/record/0-1/751">Dana Lee</a></div></section></main>`);
    expect(leadsOn(doc, COMPANY_URL)).toStrictEqual([{ crmRef: contact('751'), name: 'Dana Lee' }]);
  });

  it('a lone contact does not take the company’s address shown seven levels up', () => {
    const deep = `${'<div>'.repeat(6)}<a href="/contacts/2214431/record/0-1/751">Dana Lee</a>${'</div>'.repeat(6)}`;
    const doc = page(`<main><div class="company-fields"><span>info@acme-robotics.com</span>${deep}</div></main>`);
    expect(leadsOn(doc, COMPANY_URL)).toStrictEqual([{ crmRef: contact('751'), name: 'Dana Lee' }]);
  });

  it('the address is still found five levels up from the link when nothing else is in between', () => {
    const deep = `${'<div>'.repeat(4)}<a href="/contacts/2214431/record/0-1/751">Dana Lee</a>${'</div>'.repeat(4)}`;
    const doc = page(`<main><div><div><span>dana.lee@acme-robotics.com</span>${deep}</div></div></main>`);
    expect(leadsOn(doc, COMPANY_URL)).toStrictEqual([
      { crmRef: contact('751'), name: 'Dana Lee', email: 'dana.lee@acme-robotics.com' },
    ]);
  });

  it('the card’s "View all" link (to no one contact) bounds a lone contact’s row', () => {
    const doc = companyPage(
      `<div class="sc-list">${row('751', 'Dana Lee')}</div>
       <a href="/contacts/2214431/record/0-2/9201/associations/record/0-1/">View all associated contacts</a>`,
      '<div class="company-about"><span>info@acme-robotics.com</span></div>',
    );
    expect(leadsOn(doc, COMPANY_URL)).toStrictEqual([{ crmRef: contact('751'), name: 'Dana Lee' }]);
  });

  it('a contact in a list item does not take an address from outside its item', () => {
    const doc = companyPage(
      '<ul><li><a href="/contacts/2214431/record/0-1/751">Dana Lee</a><span>Buyer</span></li></ul>',
      '<div><span>info@acme-robotics.com</span></div>',
    );
    expect(leadsOn(doc, COMPANY_URL)).toStrictEqual([{ crmRef: contact('751'), name: 'Dana Lee' }]);
  });

  it('a contact linked twice (name, then avatar initials) keeps the name and is counted once', () => {
    const { trace, lines } = recorder();
    const doc = companyPage(
      `<ul><li><a href="/contacts/2214431/record/0-1/751">Dana Lee</a><span>dana.lee@acme-robotics.com</span>
        <a href="/contacts/2214431/record/0-1/751" class="Avatar">DL</a></li></ul>`,
    );
    expect(detect(doc, COMPANY_URL, trace)?.leads).toStrictEqual([
      { crmRef: contact('751'), name: 'Dana Lee', email: 'dana.lee@acme-robotics.com' },
    ]);
    expect(lines).toContainEqual(['associatedEmail', 'card', 1]);
  });

  it('a chicklet for a contact the rep may not open (no link target) is skipped', () => {
    const doc =
      companyPage(`<div data-selenium-test="contact-chicklet"><a data-selenium-test="contact-chicklet-title-link">Private contact</a></div>
      <div data-selenium-test="contact-chicklet"><a data-selenium-test="contact-chicklet-title-link" href="/contacts/2214431/record/0-1/812">Ravi Shah</a><span>ravi.shah@acme-robotics.com</span></div>`);
    expect(leadsOn(doc, COMPANY_URL)).toStrictEqual([
      { crmRef: contact('812'), name: 'Ravi Shah', email: 'ravi.shah@acme-robotics.com' },
    ]);
  });

  it('a company with no associated contacts shows none, and the trace says so', () => {
    const { trace, lines } = recorder();
    const doc = companyPage('<p>No contacts yet</p>');
    expect(detect(doc, COMPANY_URL, trace)).toStrictEqual({ view: 'record', leads: [] });
    expect(lines).toEqual([
      ['contactLink', null, 0],
      ['associatedEmail', null, 0],
    ]);
  });
});

describe('HubSpot: a page that cannot be read', () => {
  it('a contact page still shows the contact by record id; a company page shows none', () => {
    const { trace, lines } = recorder();
    expect(detect(brokenDocument(), CONTACT_URL, trace)).toStrictEqual({
      view: 'record',
      leads: [{ crmRef: contact('751') }],
    });
    expect(lines).toEqual([['detect', null, 0]]);
    expect(detect(brokenDocument(), COMPANY_URL)).toStrictEqual({ view: 'record', leads: [] });
  });
});
