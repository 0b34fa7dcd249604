import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { ImportError } from './columns.ts';

/** A CSV file to import: a path on disk (the CLI) or bytes received (the console's upload). */
export interface ImportInput {
  /** How messages name it: the path, or the uploaded file's name. */
  name: string;
  size: number;
  /** A fresh stream of its bytes each call (the encoding is sniffed on one pass, rows read on another). */
  open(): Readable;
}

export function fileInput(file: string): ImportInput {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new ImportError(`cannot read ${file}: no such file`);
  }
  return { name: file, size, open: () => createReadStream(file) };
}

/** Bytes held in memory, streamed in 64 KiB chunks as a file would be. */
export function bytesInput(name: string, bytes: Uint8Array): ImportInput {
  const CHUNK = 65_536;
  return {
    name,
    size: bytes.byteLength,
    open: () =>
      Readable.from(
        (function* () {
          for (let at = 0; at < bytes.byteLength; at += CHUNK)
            yield Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(CHUNK, bytes.byteLength - at));
        })(),
      ),
  };
}
