import { defineSite } from '../define.ts';
import { detect } from './detect.ts';
import { ROOM, SELECTORS } from './selectors.ts';
import { MATCHES, matchUrl, VIEWS } from './urls.ts';

export const gmail = defineSite({
  id: 'gmail',
  label: 'Gmail',
  matches: MATCHES,
  compose: SELECTORS.composeBody,
  room: ROOM,
  views: VIEWS,
  matchUrl,
  detect,
});
