import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleMessage } from '../lib/background/messaging.ts';
import { forgetTab } from '../lib/background/pages.ts';
import { openSidePanelOnActionClick } from '../lib/background/side-panel.ts';
import { attachSidebar, followActiveTab } from '../lib/background/sidebars.ts';
import { SIDEBAR_PORT } from '../lib/messages.ts';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender));
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === SIDEBAR_PORT && port.sender?.id === browser.runtime.id) attachSidebar(port);
    else port.disconnect();
  });
  browser.tabs.onActivated.addListener(() => void followActiveTab());
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  openSidePanelOnActionClick();
});
