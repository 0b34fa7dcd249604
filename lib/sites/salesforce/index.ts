import { defineSite } from '../define.ts';
import { detect } from './detect.ts';
import { ROOM } from './selectors.ts';
import { examples, MATCHES, matchUrl, OPTIONAL_MATCHES } from './urls.ts';

export const salesforce = defineSite({
  id: 'salesforce',
  label: 'Salesforce',
  matches: MATCHES,
  optionalMatches: OPTIONAL_MATCHES,
  room: ROOM,
  examples,
  matchUrl,
  detect,
});
