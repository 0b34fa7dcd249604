import { MAX_LEADS } from './dom.ts';
import type { SiteAdapter, SiteDefinition } from './types.ts';

/** A site as the registry holds it: what its folder declares, its reports named and bounded here. */
export function defineSite<const Id extends string, V extends string>(site: SiteDefinition<Id, V>): SiteAdapter<Id, V> {
  const { detect, optionalMatches = [], compose = null, room = [], reads = null, ...rest } = site;
  return {
    ...rest,
    optionalMatches,
    compose,
    room,
    reads,
    detect(doc, url, trace, memo) {
      const found = detect(doc, url, trace, memo);
      return found && { site: site.id, ...found, leads: found.leads.slice(0, MAX_LEADS) };
    },
  };
}
