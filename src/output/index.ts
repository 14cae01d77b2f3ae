export { checkOutputPath, writeReportFile, writeReportToStdout } from './write-report.js';
export { removePendingTemporaryFiles } from './atomic-file.js';
export { writeSyncedList } from './write-synced-list.js';
