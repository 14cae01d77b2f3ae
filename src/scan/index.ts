export { scanFiles, type ScanOutcome, type ScanProgress, type ScanThreads } from './scan-files.js';
export { scanFile, scanStream, type ScanOptions } from './scan-file.js';
export {
  createScanTally,
  mergeScanTally,
  type ScanTally,
  type SkipReason,
  type InputProblem,
} from './scan-tally.js';
