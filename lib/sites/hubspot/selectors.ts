import { type Probe, seen } from '../probe.ts';
import { type RoomProbe, room } from '../room.ts';

/**
 * HubSpot's CRM record pages as observed, newest alternative first. Class names are hashed
 * styled-components (`sc-…`) and change with every deploy; `data-selenium-*` and `data-test-id`
 * are HubSpot's own test hooks and have outlived several redesigns.
 */
export const SELECTORS = {
  highlight: [
    seen('2025-11', '[data-selenium-component="ProfileHighlightContainer"]'),
    seen('2024-03', '[data-test-id="record-highlight-main-content"]'),
    seen('2021-09', '[data-selenium-test="contact-highlight-details"]'),
  ],
  title: [seen('2025-11', '[data-selenium-test="highlightTitle"]')],
  // Inside the highlight card.
  cardEmail: [
    seen('2025-11', 'a[href^="mailto:"]', 'card a[href^="mailto:"]'),
    seen(
      '2025-11',
      '[data-selenium-test="highlightSubtitle"] *',
      '[data-selenium-test="highlightSubtitle"] address text',
    ),
  ],
  // The "Email" row of the About card in the left sidebar.
  propertyEmail: [
    seen(
      '2025-11',
      '[data-selenium-test="property-input-email"] .private-truncated-string__inner',
      '[data-selenium-test="property-input-email"] truncated string',
    ),
    seen('2025-11', 'input[data-selenium-test="property-input-email"]'),
    seen('2025-11', '[data-selenium-test="property-input-email"]'),
  ],
  // Anything in the card that names a contact by id: during SPA navigation it tells a card still
  // showing the previous contact from the one the URL names.
  cardRecord: [
    seen('2025-11', '[data-object-id]'),
    seen('2025-11', 'a[href*="/record/0-1/"]'),
    seen('2019-05', 'a[href*="/contact/"]'),
  ],
  // Associated contacts on a company or deal page (the right sidebar's association cards).
  contactLink: [
    seen(
      '2025-11',
      'a[data-selenium-test="contact-chicklet-title-link"]',
      '[data-selenium-test="contact-chicklet-title-link"]',
    ),
    seen('2025-11', 'a[href*="/record/0-1/"]'),
    seen('2019-05', 'a[href*="/contact/"]'),
  ],
  // Inside one association card: a `mailto:` link, else an element whose whole text is an address.
  associatedEmail: [
    seen('2025-11', 'a[href^="mailto:"]', 'card a[href^="mailto:"]'),
    seen('2025-11', '*', 'card address text'),
  ],
} satisfies Record<string, Probe>;

/**
 * How HubSpot makes room for the dock (lib/content/dock-room.ts): the page content under the nav bar,
 * all three columns of a record; else the record page itself.
 */
export const ROOM: RoomProbe = [
  room('2026-12', '#hs-page-content', 'width'),
  room('2026-12', '[data-test-id="record-page"]', 'margin-right'),
];
