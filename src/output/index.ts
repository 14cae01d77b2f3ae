export {
  checkOutputPath,
  writeReportFile,
  writeReportToStdout,
  removePendingTemporaryFiles,
} from './write-report.js';
