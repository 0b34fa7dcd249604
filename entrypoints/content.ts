import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createDock } from '../lib/content/dock.ts';
import { watchPage } from '../lib/content/watch.ts';
import type { ContentMessage } from '../lib/messages.ts';
import { SITE_MATCHES } from '../lib/sites/hosts.ts';

export default defineContentScript({
  matches: [...SITE_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    const dock = createDock(browser.runtime.getURL('/sidebar.html'));
    ctx.onInvalidated(() => dock.destroy());
    watchPage({
      signal: ctx.signal,
      report(page) {
        if (page && page.leads.length > 0) dock.show();
        else dock.hide();
        const message: ContentMessage = { type: 'page-leads', page };
        browser.runtime.sendMessage(message).catch(() => undefined);
      },
    });
  },
});
