import { defineSite } from '../define.ts';
import { detect } from './detect.ts';
import { ROOM } from './selectors.ts';
import { MATCHES, matchUrl, OPTIONAL_MATCHES, VIEWS } from './urls.ts';

export const salesforce = defineSite({
  id: 'salesforce',
  label: 'Salesforce',
  matches: MATCHES,
  optionalMatches: OPTIONAL_MATCHES,
  room: ROOM,
  views: VIEWS,
  matchUrl,
  detect,
});
