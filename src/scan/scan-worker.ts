import { parentPort, workerData } from 'node:worker_threads';
import { createSummary } from '../aggregate/index.js';
import type { LogFile } from '../discover/index.js';
import { scanFile, type ScanOptions } from './scan-file.js';
import { createScanTally } from './scan-tally.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/**
 * A scanning thread: summarises the batches of files it is handed into one partial summary,
 * and sends that back when told there is no more work. Partial summaries merge exactly.
 */
const options = (workerData as { options: ScanOptions }).options;
const summary = createSummary();
const tally = createScanTally();
const port = parentPort!;

port.on('message', (message: ToWorker) => {
  if (message.type === 'finish') {
    post({ type: 'result', summary, tally });
    port.close();
    return;
  }
  void scanBatch(message.files).then(
    () => post({ type: 'done', eventsRead: summary.tally.eventsRead }),
    (error: unknown) => {
      throw error;
    },
  );
});

async function scanBatch(files: LogFile[]): Promise<void> {
  for (const file of files) await scanFile(file, summary, tally, options);
}

function post(message: FromWorker): void {
  port.postMessage(message);
}

post({ type: 'ready' });
