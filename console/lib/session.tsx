import { createContext, type ReactNode, useContext } from 'react';
import type { Me } from '../../lib/contract/me.ts';
import type { ApiClient } from './api.ts';

export interface Session {
  api: ApiClient;
  me: Me;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The signed-in marketer and the client that calls the endpoint with their token. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}
