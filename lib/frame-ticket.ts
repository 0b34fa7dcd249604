// The one-time frame ticket that lets the dock's own iframe, and no other frame in the tab, show
// lead data. The content script asks the background for one, puts it in the iframe URL's fragment
// (a page cannot read that URL: the dock's shadow root is closed and the frame is cross-origin), and
// the sidebar page presents it in its port's name. No zod here: the content script imports this.

/** 32 random bytes, base64url without padding. */
export const FRAME_TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newFrameTicket(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

export function isFrameTicket(value: unknown): value is string {
  return typeof value === 'string' && FRAME_TICKET_PATTERN.test(value);
}

/** The sidebar page's URL for the dock's iframe, carrying the ticket in its fragment. */
export function frameUrlWithTicket(sidebarUrl: string, ticket: string): string {
  return `${sidebarUrl.split('#')[0]}#${ticket}`;
}

/** The ticket in the sidebar page's own fragment, if it was given one. */
export function frameTicketFromHash(hash: string): string | undefined {
  const candidate = hash.replace(/^#/, '');
  return isFrameTicket(candidate) ? candidate : undefined;
}
