// @vitest-environment happy-dom
// Custom CRM domains are asked for at the rep's click, one domain at a time, and only within the
// manifest's optional_host_permissions.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type HostPermissions, OptionalHosts, patternFor } from '../../../components/options/OptionalHosts.tsx';

afterEach(cleanup);

function fakePermissions(grant: boolean) {
  const origins = ['https://mail.google.com/*'];
  const permissions = {
    request: vi.fn(async ({ origins: asked }: { origins: string[] }) => {
      if (grant) origins.push(...asked);
      return grant;
    }),
    remove: vi.fn(async ({ origins: dropped }: { origins: string[] }) => {
      for (const origin of dropped) origins.splice(origins.indexOf(origin), 1);
      return true;
    }),
    getAll: vi.fn(async () => ({ origins: [...origins] })),
  } satisfies HostPermissions;
  return permissions;
}

describe('patternFor', () => {
  it.each([
    ['acme.my.salesforce.com', 'https://acme.my.salesforce.com/*'],
    [
      'https://acme--uat.sandbox.my.salesforce.com/lightning/page/home',
      'https://acme--uat.sandbox.my.salesforce.com/*',
    ],
    ['  Acme.Force.com ', 'https://acme.force.com/*'],
  ])('%s → %s', (input, pattern) => expect(patternFor(input)).toBe(pattern));

  it.each([
    '',
    'evil.example',
    'my.salesforce.com.evil.example',
    'salesforce.com',
    'http://',
    'a b.force.com',
  ])('refuses %j', (input) => expect(patternFor(input)).toBeNull());
});

describe('OptionalHosts', () => {
  it('asks the browser for exactly the typed domain on the click, and lists it once granted', async () => {
    const permissions = fakePermissions(true);
    render(<OptionalHosts permissions={permissions} />);
    fireEvent.change(screen.getByLabelText("Your company's Salesforce domain"), {
      target: { value: 'acme.my.salesforce.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Allow this domain' }));
    // Called within the click, before anything is awaited: the browser's user-gesture rule.
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://acme.my.salesforce.com/*'] });
    await screen.findByText(/https:\/\/acme\.my\.salesforce\.com\/\*/, { selector: 'li' });
    expect(screen.queryByText('https://mail.google.com/*', { exact: false, selector: 'li' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(permissions.remove).toHaveBeenCalledWith({ origins: ['https://acme.my.salesforce.com/*'] }),
    );
  });

  it('asks nothing for a domain outside the optional hosts, and says why', async () => {
    const permissions = fakePermissions(true);
    render(<OptionalHosts permissions={permissions} />);
    fireEvent.change(screen.getByLabelText("Your company's Salesforce domain"), { target: { value: 'evil.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Allow this domain' }));
    expect(permissions.request).not.toHaveBeenCalled();
    expect((await screen.findByRole('alert')).textContent).toContain('evil.example');
  });
});
