import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { EventFactory } from './events.js';
import type { Population } from './population.js';
import { Random } from './random.js';
import type { WriteResult } from './write-tree.js';

export interface SingleFileOptions {
  path: string;
  seed: string;
  /** Stop after this many events, or once `targetBytes` of JSON are written, whichever is given. */
  events?: number;
  targetBytes?: number;
  gzipLevel: number;
  factory: EventFactory;
  population: Population;
}

/**
 * A JavaScript string cannot exceed about 512 MiB, and a single export may be several GiB, so
 * the document is produced piece by piece: the opening `{"Records":[`, the events in chunks of
 * about this size, then `]}`. Memory stays near one chunk whatever the file size.
 */
const CHUNK_BYTES = 1024 * 1024;

/** Writes one `{"Records":[...]}` document, gzipped when the name ends in `.gz`. */
export async function writeSingleFile(options: SingleFileOptions): Promise<WriteResult> {
  const result: WriteResult = { events: 0, files: 1, bytes: 0 };
  const output = createWriteStream(options.path, { flags: 'wx' });
  const chunks = produceChunks(options, result);
  if (options.path.toLowerCase().endsWith('.gz')) {
    await pipeline(chunks, createGzip({ level: options.gzipLevel }), output);
  } else {
    await pipeline(chunks, output);
  }
  return result;
}

async function* produceChunks(
  options: SingleFileOptions,
  result: WriteResult,
): AsyncGenerator<Buffer> {
  const { factory, population } = options;
  // One export mixes regions; drawn from a stream of their own so the calls match a tree's.
  const layout = new Random(options.seed, 'layout');
  const isDone = (bytes: number) =>
    options.events !== undefined
      ? result.events >= options.events
      : bytes + 2 >= (options.targetBytes ?? 0);

  const opening = '{"Records":[';
  let pending: string[] = [opening];
  let pendingBytes = opening.length;
  while (!isDone(result.bytes + pendingBytes)) {
    const text = factory.make(result.events, { awsRegion: population.regions.pick(layout) });
    pending.push(result.events === 0 ? text : `,${text}`);
    pendingBytes += Buffer.byteLength(text) + (result.events === 0 ? 0 : 1);
    result.events++;
    if (pendingBytes >= CHUNK_BYTES) {
      yield flush();
    }
  }
  pending.push(']}');
  yield flush();

  function flush(): Buffer {
    const chunk = Buffer.from(pending.join(''));
    result.bytes += chunk.length;
    pending = [];
    pendingBytes = 0;
    return chunk;
  }
}
