import { closeSync, constants as fsConstants, fstatSync, openSync, readFileSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';

export interface FileContent {
  bytes: Buffer;
  /** Set when the gzip stream was damaged; `bytes` then holds what came before the damage. */
  gzipProblem?: string;
  /** The bytes read from disk (compressed size for gzip). */
  sizeOnDisk: number;
}

/** A file to read as a stream instead: its decompressed size is too large to hold whole. */
export interface TooLargeToHold {
  tooLargeToHold: true;
  raw: Buffer;
  gzip: boolean;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A file open for reading, known to be a regular file, with its size when it was opened. */
export interface OpenedFile {
  fd: number;
  size: number;
}

/** The path names a FIFO, socket or device, which is never read. */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
}

/**
 * Opens a file only if it is a regular file. A file found while walking the tree may have been
 * replaced since, and a plain open of a FIFO waits for a writer forever: opening without
 * blocking and then checking what was opened never waits. The size comes from the same check,
 * so a file that grew since it was found is still read the way its real size calls for.
 */
export function openRegularFile(path: string): OpenedFile {
  const fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new NotRegularFileError(`${path} is not a regular file`);
    return { fd, size: stats.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * Reads an open file whole and gunzips it when its first bytes are the gzip magic, whatever its
 * name. When the decompressed data would exceed `holdLimit`, returns the raw bytes for streaming.
 */
export function readLogFile(fd: number, holdLimit: number): FileContent | TooLargeToHold {
  return decompressIfGzip(readFileSync(fd), holdLimit);
}

export function decompressIfGzip(raw: Buffer, holdLimit: number): FileContent | TooLargeToHold {
  if (!isGzip(raw)) return { bytes: raw, sizeOnDisk: raw.length };
  try {
    return { ...gunzipLeniently(raw, holdLimit), sizeOnDisk: raw.length };
  } catch (error) {
    if (isTooLarge(error)) return { tooLargeToHold: true, raw, gzip: true };
    throw error;
  }
}

/**
 * Gunzips, keeping what can be kept from a damaged stream: a stream cut short yields what was
 * decompressed before the cut, and a corrupt one what came before the corruption (found by
 * bisecting the input), so that the complete events before the damage are still read.
 */
function gunzipLeniently(raw: Buffer, maxOutputLength: number): Omit<FileContent, 'sizeOnDisk'> {
  try {
    return {
      bytes: gunzipSync(raw, { maxOutputLength, chunkSize: outputChunkSize(raw, maxOutputLength) }),
    };
  } catch (error) {
    if (isTooLarge(error)) throw error;
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

/** Node's own output chunk, used when the trailer gives no better size. */
const DEFAULT_CHUNK = 16 * 1024;

/** No deflate stream expands its input more than this many times. */
const GREATEST_DEFLATE_RATIO = 1032;

/**
 * The output buffer size for gunzipping `raw` in one go. Node inflates into chunks and copies
 * them all into one buffer at the end, a copy of the whole output; the gzip trailer states the
 * uncompressed size, so one chunk of that size takes the output with no copy. The trailer is
 * only a hint (it counts the last member alone, modulo 4 GiB, and can lie): a wrong size costs
 * the usual copy or an unused allocation, bounded by the limit and by deflate's greatest ratio.
 */
function outputChunkSize(raw: Buffer, maxOutputLength: number): number {
  if (raw.length < 18) return DEFAULT_CHUNK;
  const stated = raw.readUInt32LE(raw.length - 4);
  // One byte more than the output, so that inflating ends with room to spare and Node does not
  // set aside another chunk in case more is coming.
  const size = Math.min(stated + 1, maxOutputLength + 1, raw.length * GREATEST_DEFLATE_RATIO);
  return Math.max(DEFAULT_CHUNK, size);
}

/** Decompresses the first `length` bytes, tolerating a missing end; undefined on corruption. */
function gunzipPrefix(raw: Buffer, length: number, maxOutputLength: number): Buffer | undefined {
  try {
    return gunzipSync(raw.subarray(0, length), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength,
    });
  } catch (error) {
    if (isTooLarge(error)) throw error;
    return undefined;
  }
}

function isTooLarge(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
}

/** What went wrong while decompressing (or reading a stream), in the user's words. */
export function describeGzipError(error: unknown): string {
  const message = (error as Error).message;
  if (/unexpected end/i.test(message)) return 'gzip stream cut short';
  if (/incorrect data check|incorrect length check/i.test(message)) return 'gzip checksum mismatch';
  const code = (error as NodeJS.ErrnoException).code;
  if (code && !code.startsWith('Z_')) return `read failed (${code})`;
  return `corrupt gzip (${message})`;
}
