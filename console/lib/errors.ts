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

/** The endpoint's 412 to a create (`If-None-Match: *`) whose key another campaign holds. */
export const KEY_TAKEN = 'urn:coalface:problem:key-taken';

/** The endpoint's own field errors (422), in the same shape; a taken key is the key field's. */
export function problemFieldErrors(problem: Problem): FieldErrors {
  const errors: Record<string, string> = {};
  for (const item of problem.errors ?? []) errors[item.path] ??= item.message;
  if (problem.type === KEY_TAKEN) errors.key ??= 'is taken by another campaign';
  return errors;
}

/** Someone saved the item since this edit began (a 412 to `If-Match`): the marketer chooses whose version stays. */
export const isVersionConflict = (problem: Problem) => problem.status === 412 && problem.type !== KEY_TAKEN;

/** The sentence to show for a failed save: a conflict gets the marketer's options, everything else the endpoint's detail. */
export function saveFailureText(problem: Problem): string {
  if (isVersionConflict(problem)) {
    return 'Someone else changed this since you opened it. Reload their version (your edits stay in this form until you do), or overwrite theirs with yours.';
  }
  if (problem.status === 401) {
    return 'Your session has ended. Your edits are kept on this device: sign in again, then save.';
  }
  return problem.detail;
}
