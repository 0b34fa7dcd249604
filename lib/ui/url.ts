/** True only for absolute http: and https: URLs: anything else (javascript:, data:, relative) is never made a link. */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
