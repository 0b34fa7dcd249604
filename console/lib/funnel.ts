// Who may do what on the funnel page.
import type { Role } from '../../lib/contract/common.ts';
import type { FunnelTeam } from '../../lib/contract/funnel.ts';

/** Marketers, sales managers and admins edit the definition. */
export const canEditFunnel = (role: Role) => role === 'marketer' || role === 'manager' || role === 'admin';

/** The team a role signs for (mirrors the endpoint): marketer → marketing, manager → sales, others none. */
export function signsFor(role: Role): FunnelTeam | null {
  if (role === 'marketer') return 'marketing';
  if (role === 'manager') return 'sales';
  return null;
}

export const TEAM_LABEL: Readonly<Record<FunnelTeam, string>> = { marketing: 'Marketing', sales: 'Sales' };
