import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Problem } from '../lib/contract/index.ts';

type Issue = z.core.$ZodIssue;

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Invalid request body',
  429: 'Too many requests',
  500: 'Server error',
};

/** RFC 9457 problem details. `type` names the kind of problem; `title` is the same for every problem of that kind. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  slug: string,
  detail: string,
  errors?: Problem['errors'],
) {
  const body: Problem = {
    type: `urn:coalface:problem:${slug}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors ? { errors } : {}),
  };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json' });
}

/** `leads[0].crmRef.id`; the whole body is "body". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || 'body';
}

/** Flattens union failures to the branch that fits best, so a message names the real field. */
export function flattenIssues(
  issues: readonly Issue[],
  prefix: readonly PropertyKey[] = [],
): { path: PropertyKey[]; issue: Issue }[] {
  const out: { path: PropertyKey[]; issue: Issue }[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // The branch with strictly the fewest issues is the one the caller meant; a tie means we cannot tell.
      const sizes = issue.errors.map((branch) => branch.length);
      const fewest = Math.min(...sizes);
      const meant = sizes.filter((n) => n === fewest).length === 1 ? issue.errors[sizes.indexOf(fewest)] : undefined;
      if (meant) {
        out.push(...flattenIssues(meant, path));
        continue;
      }
    }
    out.push({ path, issue });
  }
  return out;
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `has an unknown field "${issue.keys[0]}"; remove it`
        : `has unknown fields ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove them`;
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return 'is required';
      return `must be ${issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}`;
    case 'invalid_union':
      // Each union in the contract says what it takes; zod's own words are "Invalid input".
      return issue.message === 'Invalid input' ? 'does not match any of the forms this field takes' : issue.message;
    case 'too_small':
      if (issue.origin === 'array') return `must hold at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `must hold at most ${issue.maximum} items`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message.startsWith('Invalid') ? issue.message.toLowerCase() : issue.message;
  }
}

export interface IssueList {
  detail: string;
  errors: NonNullable<Problem['errors']>;
}

export function describeIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): IssueList {
  const flat = flattenIssues(issues, prefix);
  const errors = flat.map(({ path, issue }) => ({ path: formatPath(path), message: describe(issue) }));
  const first = errors[0];
  const detail = first ? `${first.path} ${first.message}` : 'The body does not match the expected shape';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length === 2 ? '' : 's'})` : '';
  return { detail: `${detail}${more}.`, errors };
}

export function validationProblem(c: Context, error: z.ZodError) {
  const { detail, errors } = describeIssues(error.issues);
  return problem(c, 422, 'validation-failed', detail, errors);
}
