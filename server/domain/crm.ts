/**
 * How CRM record ids are compared.
 *
 * Salesforce ids come in two forms: 15 characters, case-sensitive (`00Q5e00000AcmDL`), and 18
 * characters, the 15 plus a 3-character suffix that encodes which of the 15 are upper case
 * (`00Q5e00000AcmDLEAZ`), so the 18-character form survives tools that ignore case. We match on the
 * 15-character form, with its case restored from the suffix: `00q5e00000acmdleaz` finds the same
 * record as `00Q5e00000AcmDL`. A suffix with characters outside the checksum alphabet is ignored (the
 * 15 as given).
 *
 * HubSpot contact ids are numbers; the object type may arrive as `contact`, `contacts` or `0-1`
 * (HubSpot's id for the contact object, as in record URLs): all mean the contact.
 *
 * Object types are stored in one canonical spelling (`crmObjectType`) and compared exactly.
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function salesforce15(id: string): string {
  if (id.length !== 18) return id;
  const base = id.slice(0, 15);
  const suffix = id.slice(15).toUpperCase();
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix.charAt(chunk));
    if (bits < 0) return base;
    for (let i = 0; i < 5; i++) {
      const ch = base.charAt(chunk * 5 + i);
      out += bits & (1 << i) ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  return out;
}

/** The 18-character form of a 15-character Salesforce id (the checksum suffix appended). */
export function salesforce18(id: string): string {
  if (id.length !== 15) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id.charAt(chunk * 5 + i);
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return id + suffix;
}

/** HubSpot's object types by every name they arrive under (plural, and HubSpot's numeric object ids). */
const HUBSPOT_TYPES: Readonly<Record<string, string>> = {
  contacts: 'contact',
  '0-1': 'contact',
  companies: 'company',
  '0-2': 'company',
  deals: 'deal',
  '0-3': 'deal',
};

/** Salesforce's standard objects in their API spelling; API names are case-insensitive. */
const SALESFORCE_TYPES: ReadonlyMap<string, string> = new Map(
  ['Lead', 'Contact', 'Account', 'Opportunity', 'Campaign', 'CampaignMember', 'Case', 'User'].map((t) => [
    t.toLowerCase(),
    t,
  ]),
);

/**
 * The object type in its one canonical spelling, as stored and compared (an exact comparison, so
 * the lookup uses the (system, object_type, match_id) key): Salesforce's standard objects as the
 * API spells them (`lead` → `Lead`), any other type lower-cased; HubSpot's singular lower-case name;
 * other systems' (Marketo) lower-cased.
 */
export function crmObjectType(ref: { system: string; objectType: string }): string {
  const lower = ref.objectType.toLowerCase();
  if (ref.system === 'hubspot') return HUBSPOT_TYPES[lower] ?? lower;
  if (ref.system === 'salesforce') return SALESFORCE_TYPES.get(lower) ?? lower;
  return lower;
}

/** The id as stored and compared. */
export function crmMatchId(ref: { system: string; id: string }): string {
  return ref.system === 'salesforce' ? salesforce15(ref.id) : ref.id;
}
