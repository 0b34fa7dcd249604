// The words for the codes the background sends: how an intent turned out, and a state's warning.
// The background sends codes only, so every sentence lives once, in _locales.
import type { NoticeCode, SidebarNotice } from '../messages.ts';
import { type MessageKey, t } from './i18n.ts';

const NOTICE_TEXT: Record<NoticeCode, MessageKey> = {
  queued: 'feedbackQueued',
  'no-lead': 'verdictNoLead',
  invalid: 'verdictIncomplete',
  storage: 'verdictNotSaved',
  removed: 'undone',
  withdrawing: 'undone',
  'too-late': 'undoTooLate',
  unknown: 'undoUnknown',
  inserted: 'inserted',
  'no-compose': 'insertNoCompose',
  'not-supported': 'insertNotSupported',
};

/** The sidebar's words for an outcome. */
export function noticeWords(code: NoticeCode): string {
  return t(NOTICE_TEXT[code]);
}

/** What the rep is told about an answer: the detail it carries from outside the extension, else its code's words. */
export function noticeText(notice: SidebarNotice): string {
  return notice.message || noticeWords(notice.code);
}
