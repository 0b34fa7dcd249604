// One lead per address, whoever mentions it first, filled in by later mentions: what every site's
// detect hands the sidebar.
import { describe, expect, it } from 'vitest';
import { uniqueLeads } from '../../../lib/sites/people.ts';

const acme = (id: string) => ({ system: 'salesforce' as const, objectType: 'Contact' as const, id });

describe('uniqueLeads', () => {
  it('a first mention with only an address gives a lead with only an address (no empty name or record)', () => {
    expect(
      uniqueLeads([{ email: 'dana@acme.com' }, { email: 'ravi@acme.com', name: '', crmRef: undefined }]),
    ).toStrictEqual([{ email: 'dana@acme.com' }, { email: 'ravi@acme.com' }]);
  });

  it('a later mention fills in the name and the CRM record the first lacked, and never replaces them', () => {
    expect(
      uniqueLeads([
        { email: 'dana@acme.com' },
        { email: 'dana@acme.com', name: 'Dana Lee', crmRef: acme('0035g00000XyZaBAAV') },
        { email: 'dana@acme.com', name: 'D. Lee', crmRef: acme('0035g00000OtHeRAAV') },
        { email: 'dana@acme.com' },
      ]),
    ).toStrictEqual([{ email: 'dana@acme.com', name: 'Dana Lee', crmRef: acme('0035g00000XyZaBAAV') }]);
  });

  it('the rep’s own addresses are left out, wherever they are mentioned', () => {
    expect(
      uniqueLeads(
        [{ email: 'alex@northwind.io' }, { email: 'dana@acme.com' }],
        (email) => email === 'alex@northwind.io',
      ),
    ).toStrictEqual([{ email: 'dana@acme.com' }]);
  });
});
