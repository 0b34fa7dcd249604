// Renders the sidebar as the background would drive it: a state, the answers to intents (notices),
// and a spy standing in for the port, so a test can answer an intent the way the background does.
import { render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { Sidebar } from '../../../components/Sidebar.tsx';
import type { SidebarIntent, SidebarNotice, SidebarState } from '../../../lib/messages.ts';
import { NOW } from './fixtures.ts';

export function renderSidebar(state: SidebarState | null, { linked = true, now = NOW } = {}) {
  const onIntent = vi.fn<(intent: SidebarIntent) => void>();
  let notices = new Map<string, SidebarNotice>();
  let shown = state;
  const view = render(<Sidebar state={shown} onIntent={onIntent} notices={notices} linked={linked} now={now} />);
  const rerender = () =>
    view.rerender(<Sidebar state={shown} onIntent={onIntent} notices={notices} linked={linked} now={now} />);
  return {
    onIntent,
    main: screen.getByRole('main', { name: 'Coalface' }),
    /** The intents sent so far, of one type. */
    sent<T extends SidebarIntent['type']>(type: T): Extract<SidebarIntent, { type: T }>[] {
      return onIntent.mock.calls
        .map(([intent]) => intent)
        .filter((intent): intent is Extract<SidebarIntent, { type: T }> => intent.type === type);
    },
    /** The background answers one intent. */
    answer(notice: Omit<SidebarNotice, 'type'>) {
      notices = new Map(notices).set(notice.requestId, { type: 'notice', ...notice });
      rerender();
    },
    /** The background pushes a new state. */
    push(next: SidebarState) {
      shown = next;
      rerender();
    },
  };
}
