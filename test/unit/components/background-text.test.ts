import { describe, expect, it } from 'vitest';
import { NoticeCode } from '../../../lib/messages.ts';
import { noticeText, noticeWords } from '../../../lib/ui/background-text.ts';
import messages from '../../../public/_locales/en/messages.json';

describe("the words for the background's codes", () => {
  it('come from _locales for every outcome', () => {
    const sentences = new Set(Object.values(messages).map((entry) => entry.message));
    for (const code of NoticeCode.options) expect(sentences).toContain(noticeWords(code));
  });

  it('read as the sidebar has always said them', () => {
    expect(noticeWords('too-late')).toBe('The minute to undo has passed; the verdict stands.');
    expect(noticeWords('no-compose')).toBe('Open a reply or a new message first, then click Insert.');
  });

  it("give way to a detail from outside the extension, such as the contract's complaint", () => {
    const notice = { type: 'notice', requestId: 'r1', ok: false, code: 'invalid' } as const;
    expect(noticeText(notice)).toBe('That verdict is incomplete.');
    expect(noticeText({ ...notice, message: "a didn't-land verdict needs a reason" })).toBe(
      "a didn't-land verdict needs a reason",
    );
  });
});
