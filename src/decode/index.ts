export {
  decodeBytes,
  byteOrderMarkLength,
  DEFAULT_DECODE_LIMITS,
  type DecodeResult,
  type DecodeLimits,
  type DecodeProblem,
  type ProblemCounts,
} from './decode-bytes.js';
export { SlicedReadFailedError } from './delivery-slices.js';
export { LISTED_PROBLEMS } from './incremental-decoder.js';
export { decodeStream, type StreamDecodeResult, type StreamSource } from './decode-stream.js';
export {
  openRegularFile,
  NotRegularFileError,
  readLogFile,
  decompressIfGzip,
  isGzip,
  type FileContent,
  type OpenedFile,
  type TooLargeToHold,
} from './read-file.js';
export type { RecordSink, SkippedRecordKind } from './records.js';
