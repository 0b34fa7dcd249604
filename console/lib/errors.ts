import type { z } from 'zod';
import type { Problem } from '../../lib/contract/common.ts';

/** Field path ("message.cta.url", "audience.personas.0") → the first message for it. */
export type FieldErrors = Readonly<Record<string, string>>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'form';
    errors[path] ??= issue.message;
  }
  return errors;
}

/** A window's end before its start, under the end field (the rule itself is `windowInOrder`). */
export const WINDOW_OUT_OF_ORDER = 'must not be before the start';

/** The endpoint's own field errors (422), in the same shape. */
export function problemFieldErrors(problem: Problem): FieldErrors {
  const errors: Record<string, string> = {};
  for (const item of problem.errors ?? []) errors[item.path] ??= item.message;
  return errors;
}

/** The sentence to show for a failed save: 412 gets the marketer's options, everything else the endpoint's detail. */
export function saveFailureText(problem: Problem): string {
  if (problem.status === 412) {
    return 'Someone else changed this since you opened it. Reload their version (your edits stay in this form until you do), or overwrite theirs with yours.';
  }
  if (problem.status === 401) {
    return 'Your session has ended. Your edits are kept on this device: sign in again, then save.';
  }
  return problem.detail;
}
