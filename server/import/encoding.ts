import { Transform } from 'node:stream';
import { ImportError } from './columns.ts';
import type { ImportInput } from './input.ts';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** Bytes Windows-1252 leaves undefined: a file holding them is not Windows-1252 text either. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

export interface Sniffed {
  encoding: TextEncoding;
  /** The start of the file as text (BOM removed), enough to read the header row from. */
  head: string;
}

/**
 * Reads the whole file once to decide how to decode it: UTF-8 (with or without a BOM) when every
 * byte sequence is valid UTF-8; else Windows-1252 (what Excel on Windows saves as "CSV") when no
 * byte is one Windows-1252 leaves undefined and there are no NUL bytes (UTF-16); else refused, so
 * text is never stored garbled.
 */
export async function sniffEncoding(input: ImportInput): Promise<Sniffed> {
  const file = input.name;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
  let undefined1252 = -1;
  let undefinedByte = 0;
  let nul = -1;
  let offset = 0;
  const headBytes: Buffer[] = [];
  let headLength = 0;
  for await (const chunk of input.open() as AsyncIterable<Buffer>) {
    if (headLength < 65_536) {
      headBytes.push(chunk);
      headLength += chunk.length;
    }
    if (validUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
    if (nul < 0) {
      const at = chunk.indexOf(0);
      if (at >= 0) nul = offset + at;
    }
    if (undefined1252 < 0) {
      for (let i = 0; i < chunk.length; i++) {
        if (UNDEFINED_IN_1252.has(chunk[i] as number)) {
          undefined1252 = offset + i;
          undefinedByte = chunk[i] as number;
          break;
        }
      }
    }
    offset += chunk.length;
  }
  if (validUtf8) {
    try {
      utf8.decode();
    } catch {
      validUtf8 = false;
    }
  }
  const head = Buffer.concat(headBytes);
  if (nul >= 0) {
    throw new ImportError(
      `${file} holds NUL bytes (at byte ${nul}): it looks like UTF-16 or a binary file, not CSV text; save it as "CSV UTF-8"`,
    );
  }
  if (validUtf8) return { encoding: 'utf-8', head: stripBom(new TextDecoder('utf-8').decode(head)) };
  if (undefined1252 >= 0) {
    throw new ImportError(
      `${file} is neither UTF-8 nor Windows-1252 text (byte 0x${undefinedByte.toString(16)} at byte ${undefined1252}); save it as "CSV UTF-8" and import that`,
    );
  }
  return { encoding: 'windows-1252', head: new TextDecoder('windows-1252').decode(head) };
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Bytes in, text out, in the sniffed encoding; a leading BOM is dropped. */
export function decoder(encoding: TextEncoding): Transform {
  const text = new TextDecoder(encoding);
  let first = true;
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      let out = text.decode(chunk, { stream: true });
      if (first && out.length > 0) {
        out = stripBom(out);
        first = false;
      }
      done(null, out);
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}
