import { describe, expect, it } from 'vitest';
import { peopleInText } from '../../../lib/sites/gmail/people.ts';

// The older Gmail's To/Cc textarea as a rep leaves it: names and addresses across lines and tabs,
// long runs of blank space (a run of 800 spaces used to take the pattern 13 s, freezing the tab).
describe('a recipient text field with runs of whitespace', () => {
  it('reads every recipient, names collapsed to single spaces', () => {
    const text = `"Lee,\n\t Dana"   <Dana@Acme.com>,${' '.repeat(5_000)}\n\nRaj \t Patel\n<raj@northwind.io>;  mia@globex.com`;
    expect(peopleInText(text)).toEqual([
      { email: 'dana@acme.com', name: 'Lee, Dana', isMe: false },
      { email: 'raj@northwind.io', name: 'Raj Patel', isMe: false },
      { email: 'mia@globex.com', isMe: false },
    ]);
  });

  it('reads bare addresses in a field with no angle brackets at all', () => {
    expect(peopleInText(`${'word '.repeat(1_000)}dana@acme.com,\traj@northwind.io`)).toEqual([
      { email: 'dana@acme.com', isMe: false },
      { email: 'raj@northwind.io', isMe: false },
    ]);
  });
});
