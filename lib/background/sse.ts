// A small reader for server-sent events over a fetch body (EventSource cannot send our
// Authorization header). Pure over its input, so it is unit-tested with hand-made chunks.
export interface ServerSentEvent {
  id?: string;
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private id: string | undefined;
  private event = 'message';
  private data: string[] = [];

  /** Feeds a chunk of text; returns the events it completed. Comments (`: ping`) give none. */
  push(chunk: string): ServerSentEvent[] {
    this.buffer += chunk;
    const events: ServerSentEvent[] = [];
    let newline = this.buffer.search(/\r\n|\r|\n/);
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      const done = this.line(line);
      if (done) events.push(done);
      newline = this.buffer.search(/\r\n|\r|\n/);
    }
    return events;
  }

  private line(line: string): ServerSentEvent | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = 'message';
        return undefined;
      }
      const event: ServerSentEvent = { event: this.event, data: this.data.join('\n') };
      if (this.id !== undefined) event.id = this.id;
      this.event = 'message';
      this.data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return undefined;
  }
}
