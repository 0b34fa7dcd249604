// The sidebar page: shown in the dock's iframe beside the host app and as the browser's side panel.
import { browser } from 'wxt/browser';
import { Sidebar } from '../../components/Sidebar.tsx';
import { frameTicketFromHash } from '../../lib/frame-ticket.ts';
import { sidebarPortName } from '../../lib/messages.ts';
import { mountPage } from '../../lib/ui/mount.tsx';
import { type PortLike, useSidebarState } from '../../lib/ui/useSidebarState.ts';
import '../../lib/ui/theme.css';
import './style.css';

// In the dock, the content script put this frame's ticket in the URL's fragment; the side panel has none.
const ticket = frameTicketFromHash(location.hash);
const connectToBackground = (): PortLike => browser.runtime.connect({ name: sidebarPortName(ticket) });

function SidebarPage() {
  const { state, linked, send, notices } = useSidebarState(connectToBackground);
  return <Sidebar state={state} linked={linked} onIntent={send} notices={notices} />;
}

mountPage(<SidebarPage />);
