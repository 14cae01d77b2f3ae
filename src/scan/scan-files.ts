import type { Summary } from '../aggregate/index.js';
import type { LogFile } from '../discover/index.js';
import { FileScanner } from './file-scanner.js';
import type { ScanTally } from './scan-tally.js';
import type { ScanOptions } from './scan-file.js';
import { scanFilesInWorkers } from './worker-pool.js';

export interface ScanProgress {
  filesDone: number;
  bytesDone: number;
  eventsRead: number;
}

export interface ScanOutcome {
  summary: Summary;
  tally: ScanTally;
}

/** How many threads scan, and whether that number was asked for. */
export interface ScanThreads {
  count: number;
  /**
   * The user chose the count: use that many worker threads whatever the input. Otherwise small
   * inputs are scanned in this thread, where starting workers would cost more than it saves.
   */
  chosen: boolean;
}

/** Below this much input, starting worker threads costs more than it saves. */
const WORKERS_WORTHWHILE_BYTES = 8 * 1024 * 1024;

/** Scans the files on worker threads, or in this thread when that is quicker or asked for. */
export function scanFiles(
  files: readonly LogFile[],
  options: ScanOptions,
  threads: ScanThreads,
  onProgress?: (progress: ScanProgress) => void,
): Promise<ScanOutcome> {
  if (useWorkers(files, threads)) {
    return scanFilesInWorkers(files, options, threads.count, onProgress);
  }
  return scanFilesHere(files, options, onProgress);
}

function useWorkers(files: readonly LogFile[], threads: ScanThreads): boolean {
  if (threads.count < 2 || files.length === 0) return false;
  if (threads.chosen) return true;
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  return files.length > 1 && totalBytes >= WORKERS_WORTHWHILE_BYTES;
}

/** Scans the files one after another in this thread. */
async function scanFilesHere(
  files: readonly LogFile[],
  options: ScanOptions,
  onProgress?: (progress: ScanProgress) => void,
): Promise<ScanOutcome> {
  const scanner = new FileScanner(options);
  let bytesDone = 0;
  let filesDone = 0;
  // Date.now, not performance.now: the first use of `performance` loads a module, which costs
  // a run of small files more start-up time than the finer clock is worth here.
  let lastYield = Date.now();
  for (const file of files) {
    await scanner.scan(file);
    bytesDone += file.size;
    filesDone++;
    onProgress?.({ filesDone, bytesDone, eventsRead: scanner.summary.tally.eventsRead });
    if (Date.now() - lastYield >= YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = Date.now();
    }
  }
  scanner.tally.filesFound = files.length;
  return { summary: scanner.summary, tally: scanner.tally };
}

/**
 * Reading a file that is held whole never waits for the event loop, so without a pause a scan
 * of many such files would run to the end before a Ctrl-C or SIGTERM handler got its turn.
 */
const YIELD_EVERY_MS = 20;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
