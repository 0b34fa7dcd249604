import { type Probe, seen } from '../probe.ts';
import { type RoomProbe, room } from '../room.ts';
import { EMAIL_FIELD_LABELS } from './labels.ts';

/** `[field-label="…"]`; a label holding a double quote (Hebrew דוא"ל) as the parts around it. */
function fieldLabelIs(label: string): string {
  const quote = label.indexOf('"');
  if (quote < 0) return `[field-label="${label}"]`;
  return `[field-label^="${label.slice(0, quote)}"][field-label$="${label.slice(quote + 1)}"]`;
}

/**
 * Lightning's markup as observed, newest alternative first. Lightning web components render in
 * synthetic shadow DOM, which a content script's isolated world sees as ordinary light DOM.
 * `data-target-selection-name` (in-app guidance targets) names the field's API name and does not
 * change with the user's language; `field-label` does, so it comes second.
 */
export const SELECTORS = {
  // Lightning keeps up to ~20 visited pages in the DOM as hidden cached tabs; only one is active.
  activeTab: [
    seen('2025-11', 'div.windowViewMode-normal.active'),
    seen('2025-11', 'div.windowViewMode-maximized.active'),
    seen('2021-06', '.tabContent.active.oneConsoleTab'),
    seen('2019-03', 'div.oneContent.active'),
  ],
  // Only when no tab container is found at all, and then only if it is the one record on the page.
  recordHome: [
    seen('2025-11', 'one-record-home-flexipage2'),
    seen('2022-04', '[data-aura-class~="oneRecordHomeFlexipage2Wrapper"]'),
  ],
  // The record's own Email field (Lead.Email, Contact.Email).
  email: [
    seen(
      '2025-11',
      '[data-target-selection-name^="sfdc:RecordField."][data-target-selection-name$=".Email"] a[href^="mailto:"]',
      '[data-target-selection-name$=".Email"] mailto',
    ),
    seen(
      '2025-11',
      'records-record-layout-item[field-label="Email"] a[href^="mailto:"]',
      'records-record-layout-item[field-label="Email"] mailto',
    ),
    seen('2025-11', 'records-highlights-details-item a[href^="mailto:"]', 'records-highlights-details-item mailto'),
    seen('2019-03', 'a.emailuiFormattedEmail[href^="mailto:"]', 'a.emailuiFormattedEmail'),
    // The field by its label in the other languages (labels.ts): the last way to it.
    seen(
      '2026-12',
      EMAIL_FIELD_LABELS.map((label) => `records-record-layout-item${fieldLabelIs(label)} a[href^="mailto:"]`).join(
        ', ',
      ),
      'records-record-layout-item[field-label="Email" translated] mailto',
    ),
  ],
  name: [
    seen(
      '2025-11',
      'records-highlights2 slot[name="primaryField"] lightning-formatted-name',
      'records-highlights2 primaryField lightning-formatted-name',
    ),
    seen('2025-11', 'h1 slot[name="primaryField"]'),
    seen(
      '2026-12',
      '[data-target-selection-name^="sfdc:RecordField."][data-target-selection-name$=".Name"] lightning-formatted-name',
      '[data-target-selection-name$=".Name"] lightning-formatted-name',
    ),
    seen('2025-11', 'records-record-layout-item[field-label="Name"] lightning-formatted-name'),
    seen('2025-11', 'lightning-formatted-name'),
  ],
  // Every address an Account or Opportunity page shows: contact roles, related contacts, fields.
  mailto: [seen('2025-11', 'lightning-formatted-email a[href^="mailto:"]'), seen('2025-11', 'a[href^="mailto:"]')],
  // A related-list row's link to its Contact or Lead (the name shown next to the address).
  recordLink: [seen('2025-11', 'a[data-recordid]'), seen('2025-11', 'a[href*="/lightning/r/"]')],
  // Related lists: on a Lead or Contact page, addresses here belong to other people.
  relatedList: [
    seen('2025-11', 'lst-related-list-single-container'),
    seen('2021-06', 'force-related-list-single-container'),
    seen('2019-03', '.forceRelatedListSingleContainer'),
  ],
  // Activity timeline and Chatter: colleagues' addresses and free text. Nothing inside is read.
  feed: [
    seen(
      '2025-11',
      '.runtime_sales_activitiesActivityPanel, [data-aura-class~="runtime_sales_activitiesActivityPanel"]',
      '.runtime_sales_activitiesActivityPanel',
    ),
    seen('2025-11', '.forceChatterFeed, [data-aura-class~="forceChatterFeed"]', '.forceChatterFeed'),
  ],
} satisfies Record<string, Probe>;

/**
 * How Lightning makes room for the dock (lib/content/dock-room.ts): the app's layout container, header
 * and center stage together; else the center stage alone.
 */
export const ROOM: RoomProbe = [
  room('2026-12', 'div.desktop.container.oneOne', 'width'),
  room('2026-12', 'div.oneCenterStage', 'margin-right'),
];
