import { type Probe, seen } from '../probe.ts';
import { type RoomProbe, room } from '../room.ts';
import { startsWithLabel, translated } from './labels.ts';

const exactLabel = (words: string[]) => words.map((word) => `[aria-label="${word}"]`).join(', ');
const labelHolds = (words: string[]) => words.map((word) => `[aria-label*="${word}"]`).join(', ');

// Whatever carries an address inside a From/To/Cc line or a recipient well.
const PERSONA = [seen('2025-11', '[title*="@"]'), seen('2025-11', '[aria-label*="@"]')];

/**
 * Outlook on the web's markup as observed, newest alternative first. OWA hashes its class names per
 * build, so every selector here is an id, a data-attribute, a role or an aria-label. Ids, data-testids
 * and structure hold in every language; the English aria-labels keep their place, and the other
 * languages' labels (labels.ts) are each probe's last alternative.
 */
export const SELECTORS = {
  readingPane: [
    seen('2025-11', '#ConversationReadingPaneContainer'),
    seen('2025-11', '[data-app-section="ConversationContainer"]'),
    // The single-item view `/mail/deeplink/read/<id>` (Microsoft's own `webLink` lands here).
    seen('2025-07', '#ItemReadingPaneContainer'),
    seen('2024-06', '[data-app-section="MailReadCompose"]'),
  ],
  // One per message of the conversation, expanded or collapsed.
  // The item OWA expands and collapses in place, each in its own list item.
  message: [
    seen(
      '2026-12',
      '[role="listitem"] > div[aria-expanded][tabindex="-1"]',
      '[role=listitem] > div[aria-expanded][tabindex=-1]',
    ),
    seen('2025-11', 'div[aria-label="Email message"]'),
    seen('2025-11', '[aria-label="Email message"]'),
    seen('2026-12', exactLabel(translated('message')), '[aria-label="Email message" translated]'),
  ],
  // The From line of an expanded message: `aria-label="From: Dana Lee"` around a persona whose
  // `title` holds the address, or the whole "From: Dana Lee <dana@acme.com>" in the label.
  sender: [
    seen('2026-12', '[id$="_FROM"]'),
    seen('2025-11', '[aria-label^="From:"]'),
    seen('2024-06', '[title^="From:"]'),
    seen('2026-12', startsWithLabel(translated('from')), '[aria-label^="From:" translated]'),
  ],
  // A collapsed message shows its sender's name only, the address in a persona's `title`.
  collapsedSender: PERSONA,
  recipient: [
    seen('2026-12', '[id$="_TO"], [id$="_CC"], [id$="_BCC"]', '[id$=_TO|_CC|_BCC]'),
    seen(
      '2025-11',
      '[aria-label^="To:"], [aria-label^="Cc:"], [aria-label^="Bcc:"]',
      '[aria-label^="To:"|"Cc:"|"Bcc:"]',
    ),
    seen('2025-11', '[data-testid="RecipientWell"]'),
    seen(
      '2026-12',
      startsWithLabel([...translated('to'), ...translated('cc'), ...translated('bcc')]),
      '[aria-label^="To:"|"Cc:"|"Bcc:" translated]',
    ),
  ],
  persona: PERSONA,
  // A persona that carries its person only as text: a well's chip, a header's name button.
  personaText: [seen('2026-12', '[role="listitem"], [role="button"]', '[role=listitem|button] text')],
  timestamp: [seen('2025-11', '[id$="_DATETIME"]'), seen('2024-06', 'time[datetime]')],
  // The editor of a compose: what marks one, and where a talking point is inserted (the site's `compose`).
  composeBody: [
    seen('2026-12', '[id^="editorParent_"] > [contenteditable="true"]', '[id^=editorParent_] > [contenteditable=true]'),
    seen(
      '2025-11',
      'div[role="textbox"][contenteditable="true"][aria-label*="Message body"]',
      'div[role=textbox][contenteditable=true][aria-label*="Message body"]',
    ),
    seen(
      '2024-06',
      '[contenteditable="true"][aria-label*="Message body"]',
      '[contenteditable=true][aria-label*="Message body"]',
    ),
    seen(
      '2026-12',
      translated('body')
        .map((word) => `[contenteditable="true"][aria-label^="${word}"]`)
        .join(', '),
      '[contenteditable=true][aria-label^="Message body" translated]',
    ),
  ],
  recipientWell: [
    seen('2025-11', '[data-testid="RecipientWell"]'),
    seen(
      '2023-09',
      'div[role="textbox"][aria-label="To"], div[role="textbox"][aria-label="Cc"], div[role="textbox"][aria-label="Bcc"]',
      'div[role=textbox][aria-label="To"|"Cc"|"Bcc"]',
    ),
    seen(
      '2026-12',
      [...translated('to'), ...translated('cc'), ...translated('bcc')]
        .map((word) => `div[role="textbox"][aria-label="${word}"]`)
        .join(', '),
      'div[role=textbox][aria-label="To"|"Cc"|"Bcc" translated]',
    ),
  ],
  // The account button's label carries the address on some tenants ("Account manager for
  // alex@northwind.io"), only the name on others ("Account manager for Alex Morgan").
  account: [
    seen('2025-07', '#O365_MainLink_Me'),
    seen('2025-07', 'button[aria-label^="Account manager for"]'),
    seen('2025-07', '[id*="meControl"] [aria-label*="@"]'),
  ],
  // outlook.live.com shows no address in its header; the folder pane's root node carries it.
  folderRoot: [
    seen('2025-07', '[role="tree"] [role="treeitem"][title*="@"]', '[role=tree] [role=treeitem][title*="@"]'),
  ],
  // Message text: bodies, quoted replies, the compose editor (its label starts "Message body"). Nothing
  // inside is ever read. Recipient wells are contenteditable too, so that alone does not mark a body.
  body: [
    seen('2026-12', '[id^="editorParent_"]'),
    seen('2025-11', '[aria-label*="Message body"]'),
    seen('2026-12', labelHolds(translated('body')), '[aria-label*="Message body" translated]'),
    seen('2025-11', 'div[role="document"]', 'div[role=document]'),
    seen('2025-11', '[id^="UniqueMessageBody"]'),
    seen('2025-11', '[id$="divRplyFwdMsg"]'),
    seen('2025-11', 'blockquote'),
  ],
} satisfies Record<string, Probe>;

/**
 * How Outlook makes room for the dock (lib/content/dock-room.ts): the app root, header included, as
 * Outlook's own add-in pane narrows it; else the main region of mail list and reading pane.
 */
export const ROOM: RoomProbe = [
  room('2026-12', '#appRoot', 'width'),
  room('2026-12', 'div[role="main"]', 'margin-right'),
];
