/** A versioned resource's strong entity tag, as `ETag` gives it and `If-Match` names it: its version in quotes. */
export const versionTag = (version: number) => `"${version}"`;

/** The header an edit sends so that it never overwrites a version it has not seen. */
export const ifMatch = (version: number) => ({ 'If-Match': versionTag(version) });
