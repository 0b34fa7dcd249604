import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchCompose } from '../lib/content/compose.ts';
import { createDock } from '../lib/content/dock.ts';
import { isContentRequest, isPageLeadsReply, isSidePanelReply } from '../lib/content/requests.ts';
import { ticketedSidebarUrl } from '../lib/content/sidebar-frame-url.ts';
import { watchPage } from '../lib/content/watch.ts';
import type { ContentMessage, InsertReply } from '../lib/messages.ts';
import { SITE_MATCHES, sites } from '../lib/sites/registry.ts';
import type { SiteId } from '../lib/sites/types.ts';

export default defineContentScript({
  matches: [...SITE_MATCHES],
  // Not in the manifest: the loader (lib/content/loader.ts), injected as the page starts loading, asks
  // the background to inject this once the page has loaded, so the host page's load never waits on it.
  registration: 'runtime',
  main(ctx) {
    const dock = createDock(ticketedSidebarUrl, {
      room: (site: SiteId) => sites.find((s) => s.id === site)?.room ?? [],
      openSidePanel: () =>
        browser.runtime
          .sendMessage({ type: 'open-side-panel' } satisfies ContentMessage)
          .then((reply: unknown) => isSidePanelReply(reply) && reply.opened),
    });
    const composer = watchCompose(document, location.hostname, ctx.signal);
    ctx.onInvalidated(() => dock.destroy());
    let reports = 0;

    watchPage({
      signal: ctx.signal,
      checked: () => dock.keepRoom(),
      report(page, trace) {
        const ticket = ++reports;
        // Outside the lead views of a supported site the page gets nothing, whatever the answer.
        if (!page) void dock.set('none');
        const message: ContentMessage =
          trace.length > 0 ? { type: 'page-leads', page, trace } : { type: 'page-leads', page };
        browser.runtime
          .sendMessage(message)
          .then((reply: unknown) => {
            if (ticket !== reports || !page || !isPageLeadsReply(reply)) return;
            return dock.set(reply.dock === 'off' ? 'none' : reply.dock, page.site, reply.sidePanel === true);
          })
          .catch(() => undefined);
      },
    });

    // Only the background, in answer to the rep's click or shortcut, may ask for these.
    const onRequest = (message: unknown, sender: { id?: string }): Promise<InsertReply> | undefined => {
      try {
        if (sender.id !== browser.runtime.id || !isContentRequest(message)) return undefined;
        if (message.type === 'toggle-dock') {
          dock.toggle();
          return undefined;
        }
        return Promise.resolve(composer.insert(message.text));
      } catch {
        return undefined;
      }
    };
    browser.runtime.onMessage.addListener(onRequest);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onRequest));
  },
});
