import { read } from 'node:fs';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { byteOrderMarkLength, type DecodeLimits, type DecodeResult } from './decode-bytes.js';
import { gunzipChunks } from './gunzip-stream.js';
import { IncrementalDecoder } from './incremental-decoder.js';
import { describeGzipError, isGzip } from './read-file.js';
import type { RecordSink } from './records.js';
import { Utf8Check } from './utf8-check.js';

export interface StreamDecodeResult extends DecodeResult {
  /** Set when the gzip stream was damaged; what came before the damage was read. */
  gzipProblem?: string;
  /** Set when the file decompressed to more than the limit; the rest was not read. */
  truncatedAtLimit?: number;
  validUtf8: boolean;
}

/**
 * Where the bytes come from: an open file (left open for the caller to close), bytes already in
 * memory, or a stream such as stdin.
 */
export type StreamSource = { fd: number } | { bytes: Buffer } | { stream: Readable };

const READ_CHUNK_BYTES = 1024 * 1024;
const readAsync = promisify(read);

/**
 * Decodes a file as a stream, for files too large to hold or parse whole: memory stays near one
 * event, whatever the file's size. A damaged gzip stream keeps what came before the damage.
 */
export async function decodeStream(
  source: StreamSource,
  sink: RecordSink,
  limits: DecodeLimits & { maxDecompressedBytes: number },
): Promise<StreamDecodeResult> {
  const decoder = new IncrementalDecoder(sink, limits.wholeParseBytes);
  const utf8 = new Utf8Check();
  const result: StreamDecodeResult = {
    documents: 0,
    problems: [],
    problemCounts: decoder.problemCounts,
    validUtf8: true,
  };
  let total = 0;
  let first = true;
  const input = decompressedChunks(openSource(source));
  try {
    for (;;) {
      // Only reading and gunzipping can fail because of the input; the decoder reports damage
      // instead of throwing, so an error from it is a bug and is not passed off as bad gzip.
      let next: IteratorResult<Buffer>;
      try {
        next = await input.next();
      } catch (error) {
        result.gzipProblem = describeGzipError(error);
        break;
      }
      if (next.done) break;
      let chunk = next.value;
      if (first) {
        chunk = chunk.subarray(byteOrderMarkLength(chunk));
        first = false;
      }
      if (total + chunk.length > limits.maxDecompressedBytes) {
        chunk = chunk.subarray(0, limits.maxDecompressedBytes - total);
        result.truncatedAtLimit = limits.maxDecompressedBytes;
      }
      total += chunk.length;
      utf8.push(chunk);
      decoder.push(chunk);
      if (result.truncatedAtLimit !== undefined) break;
    }
  } finally {
    await input.return(undefined);
  }
  decoder.end();
  return {
    ...result,
    documents: decoder.documents,
    problems: decoder.problems,
    problemCounts: decoder.problemCounts,
    validUtf8: utf8.end(),
  };
}

function openSource(source: StreamSource): Readable {
  if ('stream' in source) return source.stream;
  if ('bytes' in source) return Readable.from([source.bytes], { objectMode: false });
  return Readable.from(readChunks(source.fd), { objectMode: false });
}

/**
 * The file's bytes from its current position. A ReadStream over a descriptor closes it when the
 * stream is destroyed, even with autoClose off, and the caller owns this one: read it directly.
 */
async function* readChunks(fd: number): AsyncGenerator<Buffer> {
  for (;;) {
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    const { bytesRead } = await readAsync(fd, buffer, 0, buffer.length, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

/** The stream's bytes, gunzipped when they start with the gzip magic, whatever the name. */
async function* decompressedChunks(raw: Readable): AsyncGenerator<Buffer> {
  const chunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    let head = Buffer.alloc(0);
    while (head.length < 2) {
      const next = await chunks.next();
      if (next.done) break;
      head = Buffer.concat([head, next.value]);
    }
    if (head.length === 0) return;
    if (isGzip(head)) {
      yield* gunzipChunks(head, chunks);
      return;
    }
    yield head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  } finally {
    raw.destroy();
  }
}
