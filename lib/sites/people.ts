import type { PageLead } from './types.ts';

interface Mention {
  email: string;
  name?: string | undefined;
  crmRef?: PageLead['crmRef'];
}

/**
 * One lead per address, in the order people were first mentioned; a later mention fills in a name
 * or CRM record the first one lacked. `skip` leaves out the rep's own addresses.
 */
export function uniqueLeads(mentions: Iterable<Mention>, skip: (email: string) => boolean = () => false): PageLead[] {
  const leads = new Map<string, PageLead>();
  for (const { email, name, crmRef } of mentions) {
    if (skip(email)) continue;
    const known = leads.get(email);
    if (!known) {
      const lead: PageLead = { email };
      if (name) lead.name = name;
      if (crmRef) lead.crmRef = crmRef;
      leads.set(email, lead);
      continue;
    }
    if (!known.name && name) known.name = name;
    if (!known.crmRef && crmRef) known.crmRef = crmRef;
  }
  return [...leads.values()];
}
