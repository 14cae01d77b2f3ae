export {
  decodeBytes,
  DEFAULT_DECODE_LIMITS,
  type DecodeProblem,
  type DecodeResult,
  type DecodeLimits,
} from './decode-bytes.js';
export {
  readLogFile,
  decompressIfGzip,
  isGzip,
  TooLargeError,
  type FileContent,
  type ReadLimits,
} from './read-file.js';
export type { RecordSink, SkippedRecordKind } from './records.js';
