import { Worker } from 'node:worker_threads';
import { createSummary, mergeSummary } from '../aggregate/index.js';
import type { LogFile } from '../discover/index.js';
import { createScanTally, mergeScanTally } from './scan-tally.js';
import type { ScanOptions } from './scan-file.js';
import type { ScanOutcome, ScanProgress } from './scan-files.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/** A batch of small files is handed out together so that per-message cost stays negligible. */
const BATCH_BYTES = 2 * 1024 * 1024;
const BATCH_FILES = 128;

/**
 * Scans files on `threads` worker threads. The largest files go first and batches are handed
 * out as workers become free, so no thread is left with a big file at the end. Each worker
 * returns one partial summary; they merge exactly, so the report does not depend on timing.
 */
export function scanFilesInWorkers(
  files: readonly LogFile[],
  options: ScanOptions,
  threads: number,
  onProgress?: (progress: ScanProgress) => void,
): Promise<ScanOutcome> {
  const batches = makeBatches(files);
  const outcome: ScanOutcome = { summary: createSummary(), tally: createScanTally() };
  outcome.tally.filesFound = files.length;
  const progress = { filesDone: 0, bytesDone: 0, eventsRead: 0 };
  const eventsByWorker = new Map<Worker, number>();
  let nextBatch = 0;

  return new Promise((resolve, reject) => {
    let running = Math.min(threads, batches.length);
    if (running === 0) resolve(outcome);
    const workers: Worker[] = [];
    const fail = (error: unknown) => {
      for (const worker of workers) void worker.terminate();
      reject(error);
    };

    for (let i = 0; i < running; i++) {
      const worker = new Worker(new URL('./scan-worker.js', import.meta.url), {
        workerData: { options },
      });
      workers.push(worker);
      const inFlight: LogFile[][] = [];
      const send = (message: ToWorker) => worker.postMessage(message);
      const handOut = () => {
        const batch = batches[nextBatch++];
        if (batch) {
          inFlight.push(batch);
          send({ type: 'scan', files: batch });
        } else {
          send({ type: 'finish' });
        }
      };

      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') return handOut();
        if (message.type === 'done') {
          const batch = inFlight.shift() ?? [];
          progress.filesDone += batch.length;
          progress.bytesDone += batch.reduce((sum, file) => sum + file.size, 0);
          eventsByWorker.set(worker, message.eventsRead);
          progress.eventsRead = [...eventsByWorker.values()].reduce((a, b) => a + b, 0);
          onProgress?.({ ...progress });
          return handOut();
        }
        mergeSummary(outcome.summary, message.summary);
        mergeScanTally(outcome.tally, message.tally);
        if (--running === 0) resolve(outcome);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`scan worker stopped with exit code ${code}`));
      });
    }
  });
}

/** Largest files first, each big file alone, small ones grouped up to a size or count. */
function makeBatches(files: readonly LogFile[]): LogFile[][] {
  const bySize = [...files].sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
  const batches: LogFile[][] = [];
  let current: LogFile[] = [];
  let currentBytes = 0;
  for (const file of bySize) {
    current.push(file);
    currentBytes += file.size;
    if (currentBytes >= BATCH_BYTES || current.length >= BATCH_FILES) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
