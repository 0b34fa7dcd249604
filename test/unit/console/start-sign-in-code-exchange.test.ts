import { beforeEach, describe, expect, it } from 'vitest';
import { takePendingSignIn } from '../../../console/lib/pendingSignIn.ts';
import { startSignIn } from '../../../console/lib/startSignIn.ts';
import { PROVIDER } from './fake-provider.ts';

// Which side exchanges the code is decided when the sign-in starts, from the provider's entry, and
// kept with the round trip for when the provider answers.

beforeEach(() => sessionStorage.clear());

describe('starting a sign-in', () => {
  it.each(['browser', 'endpoint'] as const)('keeps the provider’s code exchange (%s) for the answer', async (side) => {
    const went: string[] = [];
    expect(await startSignIn({ ...PROVIDER, codeExchange: side }, (url) => went.push(url))).toBeNull();
    expect(new URL(went[0] ?? '').searchParams.get('code_challenge_method')).toBe('S256');
    expect(takePendingSignIn()?.provider.codeExchange).toBe(side);
  });

  it('reads a round trip kept before the field existed as the browser exchanging the code', () => {
    const { codeExchange: _, ...older } = PROVIDER;
    sessionStorage.setItem(
      'coalface.console.signIn',
      JSON.stringify({
        provider: { id: older.id, name: older.name, clientId: older.clientId, tokenEndpoint: older.tokenEndpoint },
        state: 's',
        nonce: 'n',
        verifier: 'v'.repeat(43),
        returnTo: '/console/',
      }),
    );
    expect(takePendingSignIn()?.provider.codeExchange).toBe('browser');
  });
});
