import { defineSite } from '../define.ts';
import { detect } from './detect.ts';
import { ROOM, SELECTORS } from './selectors.ts';
import { examples, MATCHES, matchUrl } from './urls.ts';

export const gmail = defineSite({
  id: 'gmail',
  label: 'Gmail',
  matches: MATCHES,
  compose: SELECTORS.composeBody,
  room: ROOM,
  examples,
  matchUrl,
  detect,
});
