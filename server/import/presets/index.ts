import type { ImportKind } from '../columns.ts';
import { hubspotContacts } from './hubspot-contacts.ts';
import { hubspotEmailEvents } from './hubspot-email-events.ts';
import { marketoActivities } from './marketo-activities.ts';
import { marketoLeads } from './marketo-leads.ts';
import { mauticContacts } from './mautic-contacts.ts';
import type { Preset } from './preset.ts';
import { salesforceDataLoader } from './salesforce-data-loader.ts';
import { salesforceReport } from './salesforce-report.ts';

export type { Preset } from './preset.ts';

/** In the order they are tried: Marketo's and Mautic's before Data Loader's (all have `id`, `email` and names). */
export const PRESETS: readonly Preset[] = [
  hubspotContacts,
  marketoLeads,
  salesforceReport,
  mauticContacts,
  salesforceDataLoader,
  marketoActivities,
  hubspotEmailEvents,
];

const has = (names: readonly string[], entry: string) => entry.split('|').some((n) => names.includes(n));

/** The preset whose signature the header (normalised names) carries, if any. */
export function detectPreset(kind: ImportKind, names: readonly string[]): Preset | undefined {
  return PRESETS.find(
    (p) =>
      p.kind === kind &&
      p.requires.every((entry) => has(names, entry)) &&
      (!p.anyOf || p.anyOf.some((entry) => has(names, entry))),
  );
}

export function presetNamed(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
