import { describe, expect, it } from 'vitest';
import { Email } from '../../lib/contract/common.ts';
import { looksLikeEmail, normaliseEmail } from '../../lib/sites/email.ts';

describe('addresses read from a page', () => {
  it('are trimmed and lower-cased', () => {
    expect(normaliseEmail('  Dana.Lee@ACME-Robotics.com \n')).toBe('dana.lee@acme-robotics.com');
  });

  it('are accepted exactly when the background will accept them', () => {
    const samples = [
      'dana.lee@acme-robotics.com',
      'dana.lee+pilot@acme-robotics.com',
      "o'brien@example.ie",
      'me',
      'Acme Buying Committee',
      '109876543210987654321',
      '@@',
      'a..b@example.com',
      '.a@example.com',
      'dana@localhost',
      'dana@acme-robotics.c',
      `${'a'.repeat(250)}@example.com`,
    ];
    for (const sample of samples) {
      const email = normaliseEmail(sample);
      expect(looksLikeEmail(email), sample).toBe(Email.safeParse(email).success && email.length <= 254);
    }
  });
});
