import { describe, expect, it } from 'vitest';
import { isContentRequest, isPageLeadsReply, isSidePanelReply } from '../../../lib/content/requests.ts';
import { ContentRequest, PageLeadsReply, SidePanelReply } from '../../../lib/messages.ts';

const requests: unknown[] = [
  { type: 'insert-text', text: 'Hello Dana' },
  { type: 'toggle-dock' },
  { type: 'insert-text', text: '' },
  { type: 'insert-text', text: 'x'.repeat(4001) },
  { type: 'insert-text', text: 'x'.repeat(4000) },
  { type: 'insert-text', text: 42 },
  { type: 'insert-text', text: 'hi', html: '<b>hi</b>' },
  { type: 'toggle-dock', extra: true },
  { type: 'connect' },
  null,
  'toggle-dock',
  [{ type: 'toggle-dock' }],
];

const replies: unknown[] = [
  { dock: 'open' },
  { dock: 'handle' },
  { dock: 'off' },
  { dock: 'wide' },
  {},
  null,
  { dock: 'open', x: 1 },
  { dock: 'open', sidePanel: true },
  { dock: 'handle', sidePanel: true },
  { dock: 'open', sidePanel: false },
  { dock: 'open', sidePanel: 'yes' },
  { dock: 'wide', sidePanel: true },
  { sidePanel: true },
];

const sidePanelReplies: unknown[] = [
  { opened: true },
  { opened: false },
  { opened: 1 },
  {},
  null,
  { opened: true, x: 1 },
];

describe('the hand-written guards of the content script', () => {
  it.each(
    requests.map((r) => [JSON.stringify(r)?.slice(0, 60), r]),
  )('agree with the ContentRequest schema on %s', (_, request) => {
    expect(isContentRequest(request)).toBe(ContentRequest.safeParse(request).success);
  });

  it.each(replies.map((r) => [JSON.stringify(r), r]))('agree with the PageLeadsReply schema on %s', (_, reply) => {
    expect(isPageLeadsReply(reply)).toBe(PageLeadsReply.safeParse(reply).success);
  });

  it.each(
    sidePanelReplies.map((r) => [JSON.stringify(r), r]),
  )('agree with the SidePanelReply schema on %s', (_, reply) => {
    expect(isSidePanelReply(reply)).toBe(SidePanelReply.safeParse(reply).success);
  });
});
