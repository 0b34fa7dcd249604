import { defineSite } from '../define.ts';
import { detect } from './detect.ts';
import { ROOM } from './selectors.ts';
import { MATCHES, matchUrl, VIEWS } from './urls.ts';

export const hubspot = defineSite({
  id: 'hubspot',
  label: 'HubSpot',
  matches: MATCHES,
  room: ROOM,
  views: VIEWS,
  matchUrl,
  detect,
});
