import { readFileSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';

export interface FileContent {
  bytes: Buffer;
  /** Set when the gzip stream was damaged; `bytes` then holds what came before the damage. */
  gzipProblem?: string;
  /** The bytes read from disk (compressed size for gzip). */
  sizeOnDisk: number;
}

export interface ReadLimits {
  /** Largest decompressed size accepted from one gzip file: a guard against decompression bombs. */
  maxDecompressedBytes: number;
}

/** Reads a file whole and gunzips it when its first bytes are the gzip magic, whatever its name. */
export function readLogFile(path: string, limits: ReadLimits): FileContent {
  return decompressIfGzip(readFileSync(path), limits);
}

export function decompressIfGzip(raw: Buffer, limits: ReadLimits): FileContent {
  if (!isGzip(raw)) return { bytes: raw, sizeOnDisk: raw.length };
  return { ...gunzipLeniently(raw, limits.maxDecompressedBytes), sizeOnDisk: raw.length };
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}

/**
 * Gunzips, keeping what can be kept from a damaged stream: a stream cut short yields what was
 * decompressed before the cut, and a corrupt one what came before the corruption (found by
 * bisecting the input), so that the complete events before the damage are still read.
 */
function gunzipLeniently(raw: Buffer, maxOutputLength: number): Omit<FileContent, 'sizeOnDisk'> {
  try {
    return { bytes: gunzipSync(raw, { maxOutputLength }) };
  } catch (error) {
    if (isTooLarge(error)) throw tooLarge(maxOutputLength);
    const problem = describeGzipError(error);
    const partial = gunzipPrefix(raw, raw.length, maxOutputLength);
    if (partial) return { bytes: partial, gzipProblem: problem };

    let good = 0;
    let bad = raw.length;
    let best: Buffer = Buffer.alloc(0);
    while (bad - good > 1) {
      const middle = Math.floor((good + bad) / 2);
      const output = gunzipPrefix(raw, middle, maxOutputLength);
      if (output) {
        good = middle;
        best = output;
      } else {
        bad = middle;
      }
    }
    return { bytes: best, gzipProblem: problem };
  }
}

/** Decompresses the first `length` bytes, tolerating a missing end; undefined on corruption. */
function gunzipPrefix(raw: Buffer, length: number, maxOutputLength: number): Buffer | undefined {
  try {
    return gunzipSync(raw.subarray(0, length), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength,
    });
  } catch (error) {
    if (isTooLarge(error)) throw tooLarge(maxOutputLength);
    return undefined;
  }
}

function isTooLarge(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
}

function tooLarge(limit: number): TooLargeError {
  return new TooLargeError(`decompresses to more than ${limit} bytes`);
}

function describeGzipError(error: unknown): string {
  const message = (error as Error).message;
  if (/unexpected end/i.test(message)) return 'gzip stream cut short';
  if (/incorrect data check|incorrect length check/i.test(message)) return 'gzip checksum mismatch';
  return `corrupt gzip (${message})`;
}
