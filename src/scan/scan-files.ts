import { createSummary, type Summary } from '../aggregate/index.js';
import type { LogFile } from '../discover/index.js';
import { createScanTally, type ScanTally } from './scan-tally.js';
import { scanFile, type ScanOptions } from './scan-file.js';

export interface ScanProgress {
  filesDone: number;
  bytesDone: number;
  eventsRead: number;
}

export interface ScanOutcome {
  summary: Summary;
  tally: ScanTally;
}

/** Scans the files one after another in this thread. */
export function scanFiles(
  files: readonly LogFile[],
  options: ScanOptions,
  onProgress?: (progress: ScanProgress) => void,
): ScanOutcome {
  const summary = createSummary();
  const tally = createScanTally();
  tally.filesFound = files.length;
  let bytesDone = 0;
  files.forEach((file, index) => {
    scanFile(file.path, summary, tally, options);
    bytesDone += file.size;
    onProgress?.({ filesDone: index + 1, bytesDone, eventsRead: summary.tally.eventsRead });
  });
  return { summary, tally };
}
