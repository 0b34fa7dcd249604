// Checks, by hand, what crosses into the content script: the content script carries no zod, so
// these guards accept exactly the shapes of ContentRequest, PageLeadsReply, SidePanelReply and FrameTicketReply in
// lib/messages.ts.
import { isFrameTicket } from '../frame-ticket.ts';
import type { ContentRequest, FrameTicketReply, PageLeadsReply, SidePanelReply } from '../messages.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function isContentRequest(value: unknown): value is ContentRequest {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  if (value.type === 'toggle-dock') return keys.length === 1;
  if (value.type === 'insert-text')
    return keys.length === 2 && typeof value.text === 'string' && value.text.length >= 1 && value.text.length <= 4000;
  return false;
}

export function isPageLeadsReply(value: unknown): value is PageLeadsReply {
  if (!isRecord(value) || !(value.dock === 'open' || value.dock === 'handle' || value.dock === 'off')) return false;
  const keys = Object.keys(value);
  if (keys.length === 1) return true;
  return keys.length === 2 && value.sidePanel === true;
}

export function isSidePanelReply(value: unknown): value is SidePanelReply {
  return isRecord(value) && Object.keys(value).length === 1 && typeof value.opened === 'boolean';
}

export function isFrameTicketReply(value: unknown): value is FrameTicketReply {
  return isRecord(value) && Object.keys(value).length === 1 && isFrameTicket(value.ticket);
}
