import { type Probe, seen } from '../probe.ts';
import { type RoomProbe, room } from '../room.ts';
import { ACCOUNT_LABEL_PREFIXES } from './labels.ts';

/**
 * Gmail's markup as observed, newest alternative first. Semantic attributes (`email`,
 * `data-hovercard-id`, `data-*-id`, `name`, `role`) come before class names, which Gmail renames
 * without notice.
 */
export const SELECTORS = {
  subject: [
    seen('2025-11', 'h2.hP[data-thread-perm-id]'),
    seen('2025-11', 'h2[data-thread-perm-id]'),
    seen('2019-06', 'h2[data-legacy-thread-id]'),
    seen('2016-01', 'h2.hP'),
  ],
  message: [
    seen('2025-11', '[data-message-id]'),
    seen('2019-06', '[data-legacy-message-id]'),
    seen('2016-01', 'div.adn'),
  ],
  // A collapsed message's row, which may carry no message id: read beside the messages above, each
  // row one message (its sender chip sits in `td.gF`, without `h3.iw`).
  collapsedMessage: [seen('2026-12', 'div.adf.ads, div.kv, div.kQ', 'div.adf.ads|div.kv|div.kQ')],
  // Every sender and recipient alternative ends in `[email]` or `[data-hovercard-id*="@"]`: the
  // thread is read from one pass over those (ADDRESS_CARRIERS), each element then ranked with
  // `matches`. An alternative that ends otherwise is never seen (a unit test keeps this true).
  sender: [
    seen('2025-11', 'h3.iw span.gD[email]'),
    seen('2025-11', 'span.gD[email]'),
    seen('2025-11', 'h3 [email]'),
    seen('2025-11', 'h3 [data-hovercard-id*="@"]'),
    seen('2026-12', 'td.gF [email]'),
  ],
  recipient: [
    seen('2025-11', 'span.hb span.g2[email]'),
    seen('2025-11', 'span.g2[email]'),
    seen('2025-11', 'span.hb [data-hovercard-id*="@"]'),
  ],
  // The account button links to the account chooser in every language; its label, in the UI's
  // language, ends with the address in parentheses.
  account: [
    seen('2026-12', 'a[href*="accounts.google.com/SignOutOptions"][aria-label*="@"]', 'a[href*=SignOutOptions]'),
    seen('2025-11', 'a[aria-label^="Google Account:"]'),
    seen('2025-11', '[aria-label^="Google Account:"]'),
  ],
  // The same label in the other languages (labels.ts): the last way to the account.
  accountTranslated: [
    seen(
      '2026-12',
      ACCOUNT_LABEL_PREFIXES.map((prefix) => `[aria-label^="${prefix}"]`).join(', '),
      '[aria-label^="Google Account:" translated]',
    ),
  ],
  // Message text: bodies, quoted replies and collapsed snippets. Nothing inside is ever read.
  body: [
    seen('2025-11', 'div.a3s'),
    seen('2025-11', 'div.ii.gt'),
    seen('2025-11', '.gmail_quote'),
    seen('2025-11', 'blockquote'),
    seen('2025-11', '.iA.g6'),
  ],
  // A compose: the new-message window (pop-up, pop-out, full screen) or the reply form under a thread.
  // Its recipient fields: the chip UI's (2022–), the older UI's text fields. They bound a compose
  // whose container is none of composeForm's.
  composeField: [
    seen('2025-11', 'div[name="to"], div[name="cc"], div[name="bcc"]', 'div[name=to|cc|bcc]'),
    seen(
      '2019-06',
      'textarea[name="to"], textarea[name="cc"], textarea[name="bcc"], input[type="hidden"][name="to"], input[type="hidden"][name="cc"], input[type="hidden"][name="bcc"]',
      'textarea|input[type=hidden][name=to|cc|bcc]',
    ),
  ],
  // The editor, which every compose has, with or without recipients yet: what marks a compose, and
  // where a talking point is inserted (the site's `compose`). Its text is never read.
  composeBody: [
    seen(
      '2025-11',
      'div[role="textbox"][contenteditable="true"][aria-label="Message Body"]',
      'div[role=textbox][aria-label="Message Body"]',
    ),
    seen('2025-11', 'div[g_editable="true"][contenteditable="true"]', 'div[g_editable]'),
  ],
  // The element holding one whole compose, so its fields and its editor are read as one form.
  composeForm: [
    seen('2025-11', 'div[role="dialog"]', 'div[role=dialog]'),
    seen('2016-01', 'div.M9'), // the compose form, in a window or inline
    seen('2016-01', 'div.ip.adB'), // the inline reply under a thread
  ],
  // One chip per recipient, in the To/Cc/Bcc fields.
  recipientChip: [
    seen(
      '2025-11',
      'div[name="to"] div[role="option"][data-hovercard-id], div[name="cc"] div[role="option"][data-hovercard-id], div[name="bcc"] div[role="option"][data-hovercard-id]',
      'div[name=to|cc|bcc] div[role=option][data-hovercard-id]',
    ),
    seen(
      '2025-11',
      'div[name="to"] [data-hovercard-id*="@"], div[name="cc"] [data-hovercard-id*="@"], div[name="bcc"] [data-hovercard-id*="@"]',
      'div[name=to|cc|bcc] [data-hovercard-id*="@"]',
    ),
    seen('2019-06', 'div.vR span.vN[email]'),
  ],
  // The older UI keeps recipients as text, `Dana Lee <dana@acme.com>, raj@northwind.io`: a hidden input
  // per recipient it has made a chip of, and the textarea the rep types into. Both are read.
  recipientText: [
    seen(
      '2019-06',
      'input[type="hidden"][name="to"], input[type="hidden"][name="cc"], input[type="hidden"][name="bcc"], textarea[name="to"], textarea[name="cc"], textarea[name="bcc"]',
      'input[type=hidden]|textarea[name=to|cc|bcc]',
    ),
  ],
} satisfies Record<string, Probe>;

/**
 * Whatever may carry an address in a message header. carriersIn (thread.ts) queries it one attribute at a time
 * (a browser answers two single selectors several times faster than this list).
 */
export const ADDRESS_CARRIERS = '[email], [data-hovercard-id*="@"]';

/**
 * How Gmail makes room for the dock (lib/content/dock-room.ts), as Gmail sidebars narrow it: the app
 * root, so the Google bar's account button stays clear as well; else the main column beside the labels.
 */
export const ROOM: RoomProbe = [room('2026-12', 'body > div.nH', 'width'), room('2026-12', 'div.nH.bkK', 'width')];
