/** Hono's `:param` form of an OpenAPI path. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Finds the entry for a request among entries declared by method and OpenAPI path, for the
 * middleware that runs before routing (body limits, rate classes). A trailing slash still matches.
 */
export function routeMatcher<T extends { method: string; path: string }>(entries: readonly T[]) {
  const compiled = entries.map((entry) => ({
    entry,
    method: entry.method.toUpperCase(),
    pattern: new RegExp(`^${entry.path.replace(/\{\w+\}/g, '[^/]+')}/?$`),
  }));
  return (method: string, path: string): T | undefined =>
    compiled.find((r) => r.method === method && r.pattern.test(path))?.entry;
}
