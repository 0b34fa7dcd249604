import { createContext, type ReactNode, useContext } from 'react';
import type { SidebarIntent, SidebarNotice } from '../messages.ts';

export type SendIntent = (intent: SidebarIntent) => void;

/** What a control deep in the sidebar needs to act: a way to send intents and the answers so far. */
export interface SidebarActions {
  send: SendIntent;
  /** The background's answers to intents that carried a `requestId`, by that id. */
  notices: ReadonlyMap<string, SidebarNotice>;
}

const NO_NOTICES: ReadonlyMap<string, SidebarNotice> = new Map();
const ActionsContext = createContext<SidebarActions>({ send: () => {}, notices: NO_NOTICES });

export function SidebarActionsProvider({ value, children }: { value: SidebarActions; children: ReactNode }) {
  return <ActionsContext.Provider value={value}>{children}</ActionsContext.Provider>;
}

export function useSidebarActions(): SidebarActions {
  return useContext(ActionsContext);
}

/** The answer to one request, once it has come. */
export function useNotice(requestId: string | null): SidebarNotice | undefined {
  const { notices } = useSidebarActions();
  return requestId === null ? undefined : notices.get(requestId);
}

export { NO_NOTICES };
