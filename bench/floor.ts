/**
 * The floor: the least work any summariser of these files must do in Node. Every file is read,
 * gunzipped and parsed whole with JSON.parse, and one field of each event is read so the parse
 * cannot be skipped. Nothing is aggregated. With N > 1 workers the files are shared out as the
 * tool's parallel scan shares them: largest first, so that no big file is left for the end, then
 * each worker takes the next file when it is free. With one thread it runs in-process.
 *
 *   node dist/bench/floor.js --threads N PATH     (PATH: a folder or one file)
 *
 * Prints one JSON line: {"files":…,"events":…,"bytes":…,"unparsed":…,"nameLengths":…}.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

export interface FloorTally {
  files: number;
  events: number;
  /** Uncompressed bytes parsed. */
  bytes: number;
  /** Files JSON.parse could not read whole nor line by line. */
  unparsed: number;
  /** Sum of eventName lengths: the one field read from each event. */
  nameLengths: number;
}

interface Job {
  paths: string[];
  /** Index of the next file to take, shared by all workers. */
  next: Int32Array;
}

// Same names the tool picks up; digests hold no events and are not read by it either.
const CANDIDATE = /\.(json|jsonl|json\.gz|jsonl\.gz|gz)$/i;

if (isMainThread) {
  const { threads, path } = parseArguments(process.argv.slice(2));
  const paths = listBySizeDescending(path);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const tallies =
    threads === 1
      ? [scanShare({ paths, next })]
      : await Promise.all(Array.from({ length: threads }, () => runWorker({ paths, next })));
  process.stdout.write(`${JSON.stringify(sumTallies(tallies))}\n`);
} else {
  parentPort?.postMessage(scanShare(workerData as Job));
}

function parseArguments(args: string[]): { threads: number; path: string } {
  const [flag, count, path] = args;
  const threads = Number(count);
  if (flag !== '--threads' || !Number.isInteger(threads) || threads < 1 || path === undefined) {
    throw new Error('usage: node dist/bench/floor.js --threads N PATH');
  }
  return { threads, path };
}

function runWorker(job: Job): Promise<FloorTally> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** Takes files off the shared list until it is empty. */
function scanShare(job: Job): FloorTally {
  const tally: FloorTally = { files: 0, events: 0, bytes: 0, unparsed: 0, nameLengths: 0 };
  for (;;) {
    const index = Atomics.add(job.next, 0, 1);
    const path = job.paths[index];
    if (path === undefined) return tally;
    scanFile(path, tally);
  }
}

function scanFile(path: string, tally: FloorTally): void {
  let bytes = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  tally.files++;
  tally.bytes += bytes.length;
  const text = bytes.toString('utf8');
  let documents: unknown[];
  try {
    documents = [JSON.parse(text)];
  } catch {
    // JSON lines: real folders hold some; one parse per line is still the least work.
    try {
      documents = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line));
    } catch {
      tally.unparsed++;
      return;
    }
  }
  for (const document of documents) countEvents(document, tally);
}

function countEvents(document: unknown, tally: FloorTally): void {
  const records = (document as { Records?: unknown })?.Records ?? document;
  for (const event of Array.isArray(records) ? records : [records]) {
    const name = (event as { eventName?: unknown } | null)?.eventName;
    tally.events++;
    if (typeof name === 'string') tally.nameLengths += name.length;
  }
}

function listBySizeDescending(root: string): string[] {
  const files: { path: string; size: number }[] = [];
  const visit = (path: string) => {
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name !== 'CloudTrail-Digest') visit(join(path, name));
      }
    } else if (stats.isFile() && (path === root || CANDIDATE.test(path))) {
      files.push({ path, size: stats.size });
    }
  };
  visit(root);
  // Stable sort: equal sizes keep path order, so every run hands out files in the same order.
  return files.sort((a, b) => b.size - a.size).map((file) => file.path);
}

function sumTallies(tallies: FloorTally[]): FloorTally {
  const total: FloorTally = { files: 0, events: 0, bytes: 0, unparsed: 0, nameLengths: 0 };
  for (const tally of tallies) {
    for (const key of Object.keys(total) as (keyof FloorTally)[]) total[key] += tally[key];
  }
  return total;
}
