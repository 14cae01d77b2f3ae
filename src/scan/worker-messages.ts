import type { Summary } from '../aggregate/index.js';
import type { LogFile } from '../discover/index.js';
import type { ScanTally } from './scan-tally.js';

export type ToWorker = { type: 'scan'; files: LogFile[] } | { type: 'finish' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; eventsRead: number }
  | { type: 'result'; summary: Summary; tally: ScanTally };
