import { parentPort, workerData } from 'node:worker_threads';
import type { LogFile } from '../discover/index.js';
import { FileScanner } from './file-scanner.js';
import type { ScanOptions } from './scan-file.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/**
 * A scanning thread: summarises the batches of files it is handed into one partial summary,
 * and sends that back when told there is no more work. Partial summaries merge exactly.
 */
const scanner = new FileScanner((workerData as { options: ScanOptions }).options);
const port = parentPort!;

port.on('message', (message: ToWorker) => {
  if (message.type === 'finish') {
    post({ type: 'result', summary: scanner.summary, tally: scanner.tally });
    port.close();
    return;
  }
  void scanBatch(message.files).then(
    () => post({ type: 'done', eventsRead: scanner.summary.tally.eventsRead }),
    (error: unknown) => {
      throw error;
    },
  );
});

async function scanBatch(files: LogFile[]): Promise<void> {
  for (const file of files) await scanner.scan(file);
}

function post(message: FromWorker): void {
  port.postMessage(message);
}

post({ type: 'ready' });
