// Which lead the sidebar shows for Salesforce Lightning record pages in shapes the captured fixtures
// do not show: no tab container, a modal over the page, several active containers, related lists
// on a person's page, and Account rows of every kind.
import { describe, expect, it } from 'vitest';
import { detect } from '../../../lib/sites/salesforce/detect.ts';
import { salesforce } from '../../../lib/sites/salesforce/index.ts';
import { brokenDocument, page, recorder } from './page.ts';

const LEAD_ID = '00Q5g00000AbCdEEAZ';
const LEAD_URL = new URL(`https://acme.lightning.force.com/lightning/r/Lead/${LEAD_ID}/view`);
const ACCOUNT_URL = new URL('https://acme.lightning.force.com/lightning/r/Account/0015g00000QrStUAAR/view');
const lead = { system: 'salesforce', objectType: 'Lead', id: LEAD_ID };
const contact = (id: string) => ({ system: 'salesforce', objectType: 'Contact', id });

const EMAIL_TRACE = '[data-target-selection-name$=".Email"] mailto';
const NAME_TRACE = 'records-highlights2 primaryField lightning-formatted-name';

/** The Lightning app shell around its page containers. */
function lightning(containers: string, viewportHidden = false): Document {
  return page(`<div class="desktop container forceStyle oneOne navexDesktopLayoutContainer">
    <div class="viewport" aria-hidden="${viewportHidden}"><div class="tabsetBody main-content active"><div class="oneCenterStage">
    ${containers}</div></div></div></div>`);
}

function tab(content: string, active = true): string {
  return `<div class="windowViewMode-normal oneContent${active ? ' active' : ''} lafPageHost">${content}</div>`;
}

function names(...shown: string[]): string {
  return `<records-highlights2><h1><div class="entityNameTitle">Lead</div><slot name="primaryField">${shown
    .map((n) => `<lightning-formatted-name>${n}</lightning-formatted-name>`)
    .join('')}</slot></h1></records-highlights2>`;
}

function emailField(address: string): string {
  return `<records-record-layout-item field-label="Email"><div data-target-selection-name="sfdc:RecordField.Lead.Email">
    <lightning-formatted-email><a href="mailto:${address}">${address}</a></lightning-formatted-email></div></records-record-layout-item>`;
}

function recordHome(content: string): string {
  return `<one-record-home-flexipage2 data-aura-class="oneRecordHomeFlexipage2Wrapper">${content}</one-record-home-flexipage2>`;
}

const DANA = recordHome(names('Dana Lee') + emailField('Dana.Lee@Acme-Robotics.com'));
const DANA_LEAD = { crmRef: lead, email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' };

describe('Salesforce person page: which container is the page on screen', () => {
  it('with no tab container at all, the one record page is read', () => {
    const { trace, lines } = recorder();
    const doc = page(`<div class="oneCenterStage">${DANA}</div>`);
    expect(salesforce.detect(doc, LEAD_URL)?.leads).toStrictEqual([DANA_LEAD]);
    detect(doc, LEAD_URL, trace);
    expect(lines).toEqual([
      ['activeTab', null, 0],
      ['recordHome', 'one-record-home-flexipage2', 1],
      ['email', EMAIL_TRACE, 1],
      ['name', NAME_TRACE, 1],
    ]);
  });

  it('with no tab container and two record pages, neither is guessed', () => {
    const { trace, lines } = recorder();
    const doc = page(`<div class="oneCenterStage">${DANA}${recordHome(names('Owen Hart'))}</div>`);
    expect(detect(doc, LEAD_URL, trace)).toStrictEqual({ view: 'record', leads: [{ crmRef: lead }] });
    expect(lines).toEqual([
      ['activeTab', null, 0],
      ['recordHome', 'one-record-home-flexipage2', 2],
    ]);
  });

  it('a page still loading traces that neither a tab nor a record page was found', () => {
    const { trace, lines } = recorder();
    const doc = page('<div class="slds-spinner"></div>');
    expect(detect(doc, LEAD_URL, trace)).toStrictEqual({ view: 'record', leads: [{ crmRef: lead }] });
    expect(lines).toEqual([
      ['activeTab', null, 0],
      ['recordHome', null, 0],
    ]);
  });

  it('with a modal open (Lightning hides the whole viewport), the active tab is still read', () => {
    const doc = lightning(tab(DANA, false).replace('Dana Lee', 'Owen Hart') + tab(DANA), true);
    expect(salesforce.detect(doc, LEAD_URL)?.leads).toStrictEqual([DANA_LEAD]);
  });

  it('of two active containers on screen, the one holding a record page is read', () => {
    const listView = tab(
      '<lst-list-view-manager><table><tr><td>Recently viewed</td></tr></table></lst-list-view-manager>',
    );
    const doc = lightning(listView + tab(DANA));
    expect(salesforce.detect(doc, LEAD_URL)?.leads).toStrictEqual([DANA_LEAD]);
  });

  it('the trace of a record in its tab names the tab, the Email field and the name, with counts', () => {
    const { trace, lines } = recorder();
    detect(lightning(tab(DANA)), LEAD_URL, trace);
    expect(lines).toEqual([
      ['activeTab', 'div.windowViewMode-normal.active', 1],
      ['email', EMAIL_TRACE, 1],
      ['name', NAME_TRACE, 1],
    ]);
  });
});

describe('Salesforce person page: what is read as the person’s address and name', () => {
  it('addresses and names in a related list are other people’s, even in the older UI’s markup', () => {
    const related = `<lst-related-list-single-container><article class="slds-card"><ul><li>
      <lightning-formatted-name>Kenji Ito</lightning-formatted-name>
      <a class="emailuiFormattedEmail" href="mailto:kenji.ito@northwind-logistics.com">kenji.ito@northwind-logistics.com</a>
      </li></ul></article></lst-related-list-single-container>`;
    const doc = lightning(tab(recordHome(`${names('Dana Lee')}${related}`)));
    // No `email` key at all: not even one holding undefined.
    expect(salesforce.detect(doc, LEAD_URL)?.leads).toStrictEqual([{ crmRef: lead, name: 'Dana Lee' }]);
  });

  it('a record whose name has not rendered is still shown with its address, and no name key', () => {
    const { trace, lines } = recorder();
    const doc = lightning(tab(recordHome(emailField('dana.lee@acme-robotics.com'))));
    expect(detect(doc, LEAD_URL, trace)?.leads).toStrictEqual([{ crmRef: lead, email: 'dana.lee@acme-robotics.com' }]);
    expect(lines).toContainEqual(['name', null, 0]);
  });

  it('a record whose Email field is empty traces no email found', () => {
    const { trace, lines } = recorder();
    detect(lightning(tab(recordHome(names('Dana Lee')))), LEAD_URL, trace);
    expect(lines).toContainEqual(['email', null, 0]);
  });

  it('an empty name element (not yet rendered) is passed over for the next one', () => {
    const doc = lightning(tab(recordHome(names('', 'Dana  Lee'))));
    expect(salesforce.detect(doc, LEAD_URL)?.leads).toStrictEqual([{ crmRef: lead, name: 'Dana Lee' }]);
  });
});

/** An Account page whose related list shows these rows. */
function account(rows: string): Document {
  return lightning(
    tab(
      recordHome(`<records-highlights2><h1><slot name="primaryField"><lightning-formatted-text>Acme Robotics</lightning-formatted-text></slot></h1></records-highlights2>
      <lst-related-list-single-container><article aria-label="Contacts" class="slds-card"><table><tbody>${rows}</tbody></table></article></lst-related-list-single-container>`),
    ),
  );
}

const mail = (address: string) =>
  `<td><lightning-formatted-email><a href="mailto:${address}">${address}</a></lightning-formatted-email></td>`;

describe('Salesforce Account page: each address with the person its row links to', () => {
  it('rows are read by their Contact link, their name cell, or not at all when two addresses share a row', () => {
    const { trace, lines } = recorder();
    const doc = account(`
      <tr><th><a href="#" data-recordid="0035g00000XyZaBAAV" title="Priya Raman"><span>Priya Ram…</span></a></th>${mail('priya.raman@northwind-logistics.com')}</tr>
      <tr><td><a data-recordid="0015g00000QrStUAAR" href="/lightning/r/0015g00000QrStUAAR/view">Acme Robotics</a></td>
          <th><a data-recordid="0035g00000KeNjIAAV" href="/lightning/r/0035g00000KeNjIAAV/view">Kenji Ito</a></th>${mail('kenji.ito@northwind-logistics.com')}</tr>
      <tr><th><lightning-formatted-name>Mara  Lopez</lightning-formatted-name></th>${mail('mara.lopez@northwind-logistics.com')}</tr>
      <tr><th><span>—</span></th>${mail('billing@northwind-logistics.com')}</tr>
      <tr><th><a data-recordid="0035g00000AvAtRAAV" href="/lightning/r/0035g00000AvAtRAAV/view"><img alt=""></a></th>${mail('ana.vatr@northwind-logistics.com')}</tr>
      <tr><th><a data-recordid="0035g00000TwOaDAAV" href="/lightning/r/0035g00000TwOaDAAV/view">Sam Two</a></th>${mail('sam@northwind-logistics.com')}${mail('sam.assistant@northwind-logistics.com')}</tr>
      <tr><th><a href="/lightning/r/Account/0015g00000QrStUAAR/related/Contacts/view">Contacts</a>
          <a href="/lightning/r/Contact/0035g00000PqRsTAAV/view">Petra Stein</a></th>${mail('petra.stein@northwind-logistics.com')}</tr>`);
    expect(detect(doc, ACCOUNT_URL, trace)?.leads).toStrictEqual([
      { email: 'priya.raman@northwind-logistics.com', name: 'Priya Raman', crmRef: contact('0035g00000XyZaBAAV') },
      { email: 'kenji.ito@northwind-logistics.com', name: 'Kenji Ito', crmRef: contact('0035g00000KeNjIAAV') },
      { email: 'mara.lopez@northwind-logistics.com', name: 'Mara Lopez' },
      { email: 'billing@northwind-logistics.com' },
      { email: 'ana.vatr@northwind-logistics.com', crmRef: contact('0035g00000AvAtRAAV') },
      { email: 'sam@northwind-logistics.com' },
      { email: 'sam.assistant@northwind-logistics.com' },
      { email: 'petra.stein@northwind-logistics.com', name: 'Petra Stein', crmRef: contact('0035g00000PqRsTAAV') },
    ]);
    expect(lines).toEqual([
      ['activeTab', 'div.windowViewMode-normal.active', 1],
      ['mailto', 'lightning-formatted-email a[href^="mailto:"]', 8],
      ['recordLink', 'a[data-recordid]', 3],
      ['recordLink', 'a[href*="/lightning/r/"]', 1],
    ]);
  });

  it('an Account showing no address shows no lead, and the trace says none was found', () => {
    const { trace, lines } = recorder();
    expect(detect(account('<tr><td>No contacts</td></tr>'), ACCOUNT_URL, trace)).toStrictEqual({
      view: 'record',
      leads: [],
    });
    expect(lines).toEqual([
      ['activeTab', 'div.windowViewMode-normal.active', 1],
      ['mailto', null, 0],
      ['recordLink', null, 0],
    ]);
  });
});

describe('Salesforce: a page that cannot be read', () => {
  it('a Lead page still shows the Lead by record id; an Account page shows none', () => {
    const { trace, lines } = recorder();
    expect(detect(brokenDocument(), LEAD_URL, trace)).toStrictEqual({ view: 'record', leads: [{ crmRef: lead }] });
    expect(lines).toEqual([['detect', null, 0]]);
    expect(detect(brokenDocument(), ACCOUNT_URL)).toStrictEqual({ view: 'record', leads: [] });
  });
});
