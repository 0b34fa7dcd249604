import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../lib/background/sse.ts';

describe('reading the live stream', () => {
  it('yields each event once it is complete, however the chunks split it', () => {
    const parser = new SseParser();
    expect(parser.push('id: 7\nevent: change\nda')).toEqual([]);
    expect(parser.push('ta: {"a":1}\n\n: ping\n\nid: 8\r\nevent: change\r\ndata: {"a":2}\r\n\r\n')).toEqual([
      { id: '7', event: 'change', data: '{"a":1}' },
      { id: '8', event: 'change', data: '{"a":2}' },
    ]);
  });

  it('joins multi-line data and ignores comments', () => {
    const parser = new SseParser();
    expect(parser.push(': hello\ndata: one\ndata: two\n\n')).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });
});
