// @vitest-environment node
// Settings IT manages: each managed value checked on its own (a bad one ignored and reported, never
// a crash), merged over the rep's own in one place that the preferences, the connection and Options
// read, locked unless IT lets reps change them, and followed when IT changes the policy.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectionStatus, keepConnection, loadConnection } from '../../../lib/background/connection.ts';
import { parseManagedPolicy } from '../../../lib/background/managed-policy.ts';
import { mergePreferences } from '../../../lib/background/managed-settings.ts';
import { handleMessage } from '../../../lib/background/messaging.ts';
import { loadPreferences, savePreferences } from '../../../lib/background/preferences.ts';
import { deleteLocalDb } from './helpers.ts';

const optionsPage = { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') };
const me = { tokenId: 'tok_1', name: 'Dana Rep', role: 'rep' as const };

beforeEach(async () => {
  fakeBrowser.reset();
  await deleteLocalDb();
});

describe('reading the managed policy', () => {
  it('keeps every valid key, normalised', () => {
    const { policy, problems } = parseManagedPolicy({
      endpointUrl: ' https://coalface.northwind.example/ ',
      identityProvider: 'https://id.northwind.example',
      internalDomains: ['Northwind.io', 'northwind.io'],
      sitesOff: ['hubspot'],
      repsMayChange: true,
    });
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      endpointUrl: 'https://coalface.northwind.example',
      identityProvider: 'https://id.northwind.example',
      internalDomains: ['northwind.io'],
      sitesOff: ['hubspot'],
      repsMayChange: true,
    });
  });

  it('ignores each bad value on its own and says which and why, keeping the good ones', () => {
    const { policy, problems } = parseManagedPolicy({
      endpointUrl: 'http://coalface.northwind.example',
      internalDomains: ['northwind.io', '@acme'],
      sitesOff: ['gmail', 'yahoo'],
      repsMayChange: 'yes',
      identityProvider: 'https://id.northwind.example',
      colour: 'blue',
    });
    expect(policy).toEqual({ repsMayChange: false, identityProvider: 'https://id.northwind.example' });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/endpointUrl "http:\/\/coalface.northwind.example" was ignored: .*https/);
    expect(problems.join('\n')).toMatch(/internalDomains .*"@acme".* was ignored: must be a domain/);
    expect(problems.join('\n')).toMatch(/sitesOff .* was ignored/);
    expect(problems.join('\n')).toMatch(/repsMayChange "yes" was ignored: must be true or false/);
    expect(problems.join('\n')).toMatch(/“colour” is not a setting Coalface knows/);
  });

  it('treats no policy, or something that is not an object, as none', () => {
    expect(parseManagedPolicy(undefined)).toEqual({ policy: { repsMayChange: false }, problems: [] });
    expect(parseManagedPolicy(['gmail']).problems).toEqual([]);
  });
});

describe('merging over the rep own preferences', () => {
  const own = { sitesOff: ['gmail' as const], internalDomains: ['own.example'] };

  it('locked (the default): the managed value wins, keys IT did not set stay the rep own', () => {
    expect(mergePreferences(own, { sitesOff: ['hubspot'], repsMayChange: false })).toEqual({
      sitesOff: ['hubspot'],
      internalDomains: ['own.example'],
    });
  });

  it('repsMayChange: the managed values are where a rep starts, and the rep own win once saved', () => {
    const policy = { sitesOff: ['hubspot' as const], internalDomains: ['northwind.io'], repsMayChange: true };
    expect(mergePreferences(undefined, policy)).toEqual({ sitesOff: ['hubspot'], internalDomains: ['northwind.io'] });
    expect(mergePreferences(own, policy)).toEqual(own);
  });
});

describe('preferences under a managed policy', () => {
  it('applies locked values, says which are locked, and refuses a change to them', async () => {
    await fakeBrowser.storage.managed.set({ sitesOff: ['salesforce'], internalDomains: ['northwind.io'] });
    expect(await loadPreferences()).toEqual({ sitesOff: ['salesforce'], internalDomains: ['northwind.io'] });
    expect(await handleMessage({ type: 'preferences' }, optionsPage)).toEqual({
      ok: true,
      preferences: { sitesOff: ['salesforce'], internalDomains: ['northwind.io'] },
      locked: { sitesOff: true, internalDomains: true },
    });
    const refused = await savePreferences({ sitesOff: [], internalDomains: ['northwind.io'] });
    expect(refused).toEqual({
      ok: false,
      message: expect.stringMatching(/set by your company's IT \(managed policy\)/),
    });
    expect(await loadPreferences()).toEqual({ sitesOff: ['salesforce'], internalDomains: ['northwind.io'] });
  });

  it('lets the rep change them when IT allows it', async () => {
    await fakeBrowser.storage.managed.set({ sitesOff: ['salesforce'], repsMayChange: true });
    expect((await loadPreferences()).sitesOff).toEqual(['salesforce']);
    expect((await savePreferences({ sitesOff: [], internalDomains: [] })).ok).toBe(true);
    expect((await loadPreferences()).sitesOff).toEqual([]);
  });

  it('follows IT changing the policy while the background runs', async () => {
    expect((await loadPreferences()).sitesOff).toEqual([]);
    await fakeBrowser.storage.managed.set({ sitesOff: ['gmail'] });
    expect((await loadPreferences()).sitesOff).toEqual(['gmail']);
  });

  it('never crashes on a bad managed value: it is ignored, and Options lists it', async () => {
    await fakeBrowser.storage.managed.set({ sitesOff: 'gmail', internalDomains: ['northwind.io'] });
    expect(await loadPreferences()).toEqual({ sitesOff: [], internalDomains: ['northwind.io'] });
    const policy = await handleMessage({ type: 'managed-policy' }, optionsPage);
    expect(policy).toEqual({
      ok: true,
      managedKeys: ['internalDomains'],
      repsMayChange: false,
      problems: [expect.stringMatching(/^sitesOff "gmail" was ignored/)],
    });
  });
});

describe('the connection under a managed endpoint', () => {
  it('offers the managed endpoint, locked, before the rep has connected', async () => {
    await fakeBrowser.storage.managed.set({ endpointUrl: 'https://coalface.northwind.example/' });
    expect(await connectionStatus()).toEqual({
      connected: false,
      endpoint: 'https://coalface.northwind.example',
      endpointLocked: true,
    });
  });

  it('does not use a connection to another endpoint than the locked one', async () => {
    await keepConnection({ endpoint: 'https://old.example', token: 'cf_old', me });
    expect(await loadConnection()).not.toBeNull();
    await fakeBrowser.storage.managed.set({ endpointUrl: 'https://coalface.northwind.example' });
    expect(await loadConnection()).toBeNull();
    const refused = await handleMessage(
      { type: 'connect', endpoint: 'https://old.example', token: 'cf_old' },
      optionsPage,
    );
    expect(refused).toEqual({
      ok: false,
      message: expect.stringMatching(/IT set the endpoint to https:\/\/coalface.northwind.example/),
    });
  });

  it('keeps the rep own endpoint when IT only suggests one (repsMayChange)', async () => {
    await keepConnection({ endpoint: 'https://own.example', token: 'cf_own', me });
    await fakeBrowser.storage.managed.set({ endpointUrl: 'https://coalface.northwind.example', repsMayChange: true });
    expect((await loadConnection())?.endpoint).toBe('https://own.example');
  });
});
