// The sidebar page: shown in the dock's iframe beside the host app and as the browser's side panel.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Sidebar } from '../../components/Sidebar.tsx';
import { SIDEBAR_PORT } from '../../lib/messages.ts';
import { type PortLike, useSidebarState } from '../../lib/ui/useSidebarState.ts';
import '../../lib/ui/theme.css';
import './style.css';

const connectToBackground = (): PortLike => browser.runtime.connect({ name: SIDEBAR_PORT });

function SidebarPage() {
  const { state, linked, send, notices } = useSidebarState(connectToBackground);
  return <Sidebar state={state} linked={linked} onIntent={send} notices={notices} />;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SidebarPage />
    </StrictMode>,
  );
}
