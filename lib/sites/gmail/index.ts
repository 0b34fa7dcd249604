import { defineSite } from '../define.ts';
import { selectorsOf } from '../probe.ts';
import { detect } from './detect.ts';
import { ADDRESS_CARRIERS, ROOM, SELECTORS } from './selectors.ts';
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
  reads: {
    // threadRoot stops at the main region; carriersIn reads every address carrier in the thread; the
    // dock's room is kept on the element ROOM names, so replacing it must be seen too.
    elements: selectorsOf([...Object.values(SELECTORS), ROOM], ADDRESS_CARRIERS, '[role="main"]'),
    // Names come from a chip's text where it has no name attribute; the rep's address from the title.
    textOf: [ADDRESS_CARRIERS, 'title', ...selectorsOf([SELECTORS.composeField, SELECTORS.recipientText])].join(', '),
  },
});
