import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { EventFactory } from './events.js';
import type { Population } from './population.js';
import { ALPHANUMERIC, Random } from './random.js';

const gzipAsync = promisify(gzip);

export interface TreeOptions {
  out: string;
  seed: string;
  events: number;
  perFile: { min: number; max: number };
  gzipLevel: number;
  factory: EventFactory;
  population: Population;
}

export interface WriteResult {
  events: number;
  files: number;
  /** Uncompressed JSON bytes. */
  bytes: number;
}

/**
 * Compressing is the slow part and runs on libuv's thread pool; a few files in flight keep it busy
 * while the main thread makes the next file's events, without holding many files in memory.
 */
const FILES_IN_FLIGHT = 4;

/**
 * Writes the S3 delivery layout: one gzipped `{"Records":[...]}` per account, region and
 * five-minute delivery, named as CloudTrail names them.
 */
export async function writeTree(options: TreeOptions): Promise<WriteResult> {
  const { factory, population, perFile } = options;
  const layout = new Random(options.seed, 'layout');
  const result: WriteResult = { events: 0, files: 0, bytes: 0 };
  const writer = new CompressingWriter(options.gzipLevel);

  while (result.events < options.events) {
    const first = result.events;
    const count = Math.min(options.events - first, layout.between(perFile.min, perFile.max));
    const awsRegion = population.regions.pick(layout);
    const account = layout.pick(population.accounts);
    const suffix = layout.chars(ALPHANUMERIC, 16);
    const time = factory.timeOf(first);

    const records: string[] = [];
    for (let index = first; index < first + count; index++) {
      records.push(factory.make(index, { awsRegion, recipientAccountId: account }));
    }
    const text = `{"Records":[${records.join(',')}]}`;
    await writer.write(join(options.out, deliveryPath({ account, awsRegion, time, suffix })), text);
    result.events += count;
    result.files++;
    result.bytes += Buffer.byteLength(text);
  }
  await writer.finish();
  return result;
}

/** `AWSLogs/<acct>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<acct>_CloudTrail_<region>_<yyyymmddThhmmZ>_<16>.json.gz` */
function deliveryPath(parts: {
  account: string;
  awsRegion: string;
  time: string;
  suffix: string;
}): string {
  const { account, awsRegion, time, suffix } = parts;
  const [yyyy, mm, dd] = time.slice(0, 10).split('-') as [string, string, string];
  const hh = time.slice(11, 13);
  const minutes = Number(time.slice(14, 16));
  // CloudTrail delivers about every five minutes, and the name carries that delivery minute.
  const delivery = String(minutes - (minutes % 5)).padStart(2, '0');
  const name = `${account}_CloudTrail_${awsRegion}_${yyyy}${mm}${dd}T${hh}${delivery}Z_${suffix}.json.gz`;
  return join('AWSLogs', account, 'CloudTrail', awsRegion, yyyy, mm, dd, name);
}

/** Gzips and writes files in the background, a few at a time; the first failure is rethrown. */
class CompressingWriter {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly folders = new Set<string>();
  private failure: unknown;

  constructor(private readonly level: number) {}

  async write(path: string, text: string): Promise<void> {
    if (this.inFlight.size >= FILES_IN_FLIGHT) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    const folder = dirname(path);
    if (!this.folders.has(folder)) mkdirSync(folder, { recursive: true });
    this.folders.add(folder);
    const done: Promise<void> = gzipAsync(text, { level: this.level })
      .then((compressed) => writeFileSync(path, compressed))
      .catch((error: unknown) => void (this.failure ??= error))
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  async finish(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }
}
