export {
  findLogFiles,
  type Discovery,
  type DiscoveryProblem,
  type LogFile,
} from './find-log-files.js';
