import { useEffect, useState } from 'react';
import type { Me } from '../../lib/contract/me.ts';
import type { FetchLike } from './api.ts';
import { takePendingSignIn } from './pendingSignIn.ts';
import { type Finished, finishSignIn, type ProviderAnswer } from './providerAnswer.ts';
import { forgetToken } from './token.ts';

// One finish per answer: a code is good for one exchange, and React may run an effect twice.
const finishing = new WeakMap<ProviderAnswer, Promise<Finished>>();

function finishOnce(answer: ProviderAnswer, fetch: FetchLike | undefined): Promise<Finished> {
  let finished = finishing.get(answer);
  if (!finished) {
    finished = finishSignIn(answer, takePendingSignIn(), { fetch, origin: location.origin });
    finishing.set(answer, finished);
  }
  return finished;
}

export type AnswerState = { state: 'none' } | { state: 'finishing' } | { state: 'failed'; message: string };

/**
 * Finishes a sign-in the provider answered in the address: the code (or error) is taken out of the
 * address at once, the marketer is returned to the page they were on, and signed in or told why not.
 */
export function useProviderAnswer(
  answer: ProviderAnswer | null,
  fetch: FetchLike | undefined,
  onSignedIn: (token: string, me: Me) => void,
): AnswerState {
  const [state, setState] = useState<AnswerState>(() => (answer ? { state: 'finishing' } : { state: 'none' }));
  useEffect(() => {
    if (!answer) return;
    let current = true;
    finishOnce(answer, fetch).then((finished) => {
      if (!current) return;
      history.replaceState(null, '', finished.returnTo);
      if (finished.ok) {
        onSignedIn(finished.token, finished.me);
        setState({ state: 'none' });
      } else {
        forgetToken();
        setState({ state: 'failed', message: finished.message });
      }
    });
    return () => {
      current = false;
    };
  }, [answer, fetch, onSignedIn]);
  return state;
}
