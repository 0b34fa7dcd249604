export type Delimiter = ',' | ';' | '\t';

/**
 * The delimiter of a file from its header row: whichever of `,` `;` and tab occurs most outside
 * quotes (a European Excel saves "CSV" with `;`; some exports use tabs). A comma on a tie or none.
 */
export function sniffDelimiter(head: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}
