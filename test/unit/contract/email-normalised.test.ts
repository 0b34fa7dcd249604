// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { EngagementEventInput, LeadInput, LookupRequest } from '../../../lib/contract/index.ts';

// An address arrives as a CRM export, a marketing tool or a page spelled it; the wire contract hands
// the endpoint one form (trimmed, lower-case), so a lead is one lead however it was typed.
describe('an email address on the wire', () => {
  it('is trimmed and lower-cased in leads, events and lookups', () => {
    expect(LeadInput.parse({ email: ' Probe@Acme.EXAMPLE ' }).email).toBe('probe@acme.example');
    const event = EngagementEventInput.parse({
      id: 'evt-1',
      email: 'Dana.Lee@Acme-Robotics.com',
      type: 'email_open',
      occurredAt: '2026-11-20T14:03:00Z',
    });
    expect(event.email).toBe('dana.lee@acme-robotics.com');
    expect(LookupRequest.parse({ leads: [{ email: '\tDANA@ACME.EXAMPLE\n' }] }).leads).toEqual([
      { email: 'dana@acme.example' },
    ]);
  });

  it('is still refused when it is not an address, with a message saying what one looks like', () => {
    const bad = LeadInput.safeParse({ email: 'Dana at Acme' });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['email', 'must be an email address like dana@acme.com'],
    ]);
  });
});
