// @vitest-environment happy-dom
// Salesforce domains few orgs have (Government Cloud Plus, Salesforce in China) are asked for at the
// rep's click, one domain at a time, and only within the manifest's optional_host_permissions.
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
    ['agency.lightning.crmforce.mil', 'https://agency.lightning.crmforce.mil/*'],
    [
      'https://agency--uat.sandbox.lightning.crmforce.mil/lightning/r/Lead/00Q5g00000AbCdEEAZ/view',
      'https://agency--uat.sandbox.lightning.crmforce.mil/*',
    ],
    ['  Agency.Lightning.Force.mil ', 'https://agency.lightning.force.mil/*'],
    ['acme.lightning.sfcrmapps.cn', 'https://acme.lightning.sfcrmapps.cn/*'],
  ])('%s → %s', (input, pattern) => expect(patternFor(input)).toBe(pattern));

  it.each([
    '',
    'evil.example',
    'lightning.crmforce.mil.evil.example',
    'salesforce.com',
    // Asked for no more: login and Classic, Visualforce; Lightning itself is read without asking.
    'acme.my.salesforce.com',
    'acme--c.vf.force.com',
    'acme.lightning.force.com',
    'http://',
    'a b.lightning.crmforce.mil',
  ])('refuses %j', (input) => expect(patternFor(input)).toBeNull());
});

describe('OptionalHosts', () => {
  it('asks the browser for exactly the typed domain on the click, and lists it once granted', async () => {
    const permissions = fakePermissions(true);
    render(<OptionalHosts permissions={permissions} />);
    fireEvent.change(screen.getByLabelText("Your company's Salesforce domain"), {
      target: { value: 'agency.lightning.crmforce.mil' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Allow this domain' }));
    // Called within the click, before anything is awaited: the browser's user-gesture rule.
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://agency.lightning.crmforce.mil/*'] });
    await screen.findByText(/https:\/\/agency\.lightning\.crmforce\.mil\/\*/, { selector: 'li' });
    // Tabs open before the grant get the content script only when reloaded.
    expect(screen.getByRole('status').textContent).toContain('Reload its open tabs');
    expect(screen.queryByText('https://mail.google.com/*', { exact: false, selector: 'li' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(permissions.remove).toHaveBeenCalledWith({ origins: ['https://agency.lightning.crmforce.mil/*'] }),
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
