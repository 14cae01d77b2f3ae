import { isUtf8 } from 'node:buffer';
import { closeSync } from 'node:fs';
import { Readable } from 'node:stream';
import { summariseEvent, type Summary } from '../aggregate/index.js';
import {
  decodeBytes,
  decodeStream,
  decompressIfGzip,
  LISTED_PROBLEMS,
  NotRegularFileError,
  openRegularFile,
  readLogFile,
  type DecodeLimits,
  type DecodeProblem,
  type FileContent,
  type OpenedFile,
  type ProblemCounts,
  type RecordSink,
  type TooLargeToHold,
} from '../decode/index.js';
import { isInTimeWindow, parseEventTime, type TimeWindow } from '../filter/index.js';
import type { CloudTrailEvent } from '../model.js';
import type { ScanTally } from './scan-tally.js';

export interface ScanOptions {
  timeWindow: TimeWindow | undefined;
  allIdentities: boolean;
  decodeLimits: DecodeLimits;
  /** Most bytes read from one file after decompression: a guard against decompression bombs. */
  maxDecompressedBytes: number;
}

/** What decoding one input produced, whichever way it was read. */
interface DecodeOutcome {
  documents: number;
  problems: DecodeProblem[];
  problemCounts: ProblemCounts;
  gzipProblem?: string;
  truncatedAtLimit?: number;
  validUtf8: boolean;
}

/**
 * Reads, decodes, filters and summarises one file; problems are tallied, never thrown. Files
 * that fit are read whole and parsed at once; larger ones are streamed, event by event.
 *
 * Only opening and reading can fail because of the input, and only their errors count the file
 * as unreadable. Decoding reports damage instead of throwing, and a streamed file's read errors
 * are reported as damage; anything thrown while decoding is a bug, and is not passed off as an
 * unreadable file whose events were nevertheless partly counted.
 *
 * `inSlices`: read files laid out as CloudTrail writes them a slice at a time. It may throw
 * SlicedReadFailedError, after which `summary` holds part of the file: see FileScanner.
 */
export async function scanFile(
  file: { path: string; size: number },
  summary: Summary,
  tally: ScanTally,
  options: ScanOptions,
  inSlices = false,
): Promise<void> {
  const { path } = file;
  let opened: OpenedFile;
  let content: FileContent | TooLargeToHold | undefined;
  try {
    opened = openRegularFile(path);
  } catch (error) {
    recordUnreadable(path, error, tally);
    return;
  }
  try {
    if (opened.size <= holdLimit(options)) content = readLogFile(opened.fd, holdLimit(options));
  } catch (error) {
    closeSync(opened.fd);
    recordUnreadable(path, error, tally);
    return;
  }

  const eventsBefore = summary.tally.eventsRead;
  const sink = createSink(path, summary, tally, options);
  let outcome: DecodeOutcome;
  try {
    outcome =
      content === undefined
        ? await decodeStream({ fd: opened.fd }, sink, streamLimits(options))
        : await decodeHeld(content, sink, options, inSlices);
  } finally {
    closeSync(opened.fd);
  }
  tally.bytesRead += opened.size;
  recordOutcome(path, outcome, summary.tally.eventsRead > eventsBefore, tally);
}

/**
 * Scans standard input or a pipe (gzip or plain, detected). Input small enough to hold is read
 * whole and decoded as a file of the same bytes would be; larger input is streamed.
 */
export async function scanStream(
  name: string,
  stream: Readable,
  summary: Summary,
  tally: ScanTally,
  options: ScanOptions,
): Promise<void> {
  let start: StreamStart;
  try {
    start = await readStreamStart(stream, holdLimit(options));
  } catch (error) {
    recordUnreadable(name, error, tally);
    return;
  }
  const eventsBefore = summary.tally.eventsRead;
  const sink = createSink(name, summary, tally, options);
  const read = { bytes: start.held.length };
  const outcome =
    start.rest === undefined
      ? await decodeHeld(decompressIfGzip(start.held, holdLimit(options)), sink, options)
      : await decodeStream(
          { stream: Readable.from(replay(start.held, start.rest, read), { objectMode: false }) },
          sink,
          streamLimits(options),
        );
  tally.bytesRead += read.bytes;
  recordOutcome(name, outcome, summary.tally.eventsRead > eventsBefore, tally);
}

async function decodeHeld(
  content: FileContent | TooLargeToHold,
  sink: RecordSink,
  options: ScanOptions,
  inSlices = false,
): Promise<DecodeOutcome> {
  if ('tooLargeToHold' in content) {
    return decodeStream({ bytes: content.raw }, sink, streamLimits(options));
  }
  const result = decodeBytes(content.bytes, sink, options.decodeLimits, inSlices);
  return { ...result, gzipProblem: content.gzipProblem, validUtf8: isUtf8(content.bytes) };
}

/** The first bytes of a stream, up to a little more than `limit`, and the rest if any. */
interface StreamStart {
  held: Buffer;
  rest: AsyncIterator<Buffer> | undefined;
}

async function readStreamStart(stream: Readable, limit: number): Promise<StreamStart> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const held: Buffer[] = [];
  let size = 0;
  while (size <= limit) {
    const next = await chunks.next();
    if (next.done) return { held: Buffer.concat(held), rest: undefined };
    held.push(next.value);
    size += next.value.length;
  }
  return { held: Buffer.concat(held), rest: chunks };
}

async function* replay(
  held: Buffer,
  rest: AsyncIterator<Buffer>,
  read: { bytes: number },
): AsyncGenerator<Buffer> {
  yield held;
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    read.bytes += next.value.length;
    yield next.value;
  }
}

/** Files up to this size (decompressed) are read whole; the stream enforces the bomb limit. */
function holdLimit(options: ScanOptions): number {
  return Math.min(options.decodeLimits.wholeParseBytes, options.maxDecompressedBytes);
}

function streamLimits(options: ScanOptions) {
  return { ...options.decodeLimits, maxDecompressedBytes: options.maxDecompressedBytes };
}

function recordOutcome(
  path: string,
  outcome: DecodeOutcome,
  readEvents: boolean,
  tally: ScanTally,
): void {
  if (outcome.gzipProblem) {
    tally.damagedGzipFiles++;
    tally.problems.push({
      path,
      message: `${outcome.gzipProblem}; the data before the damage was read`,
    });
  }
  if (!outcome.validUtf8) {
    tally.invalidUtf8Files++;
    tally.problems.push({ path, message: 'invalid UTF-8 bytes, read as U+FFFD' });
  }
  const readNothing = outcome.documents === 0 && !readEvents;
  if (outcome.truncatedAtLimit !== undefined) {
    tally.problems.push({
      path,
      message: `decompresses to more than ${outcome.truncatedAtLimit} bytes (--max-decompressed-size); the rest was not read`,
    });
    if (readNothing) {
      tally.skippedFiles.tooLarge++;
      return;
    }
  }

  if (readNothing && !outcome.gzipProblem) {
    const firstProblem = outcome.problems[0];
    if (firstProblem) {
      tally.skippedFiles.notJson++;
      tally.problems.push({ path, line: firstProblem.line, message: 'not JSON; skipped' });
    } else {
      tally.skippedFiles.empty++;
      tally.problems.push({ path, message: 'empty file; skipped' });
    }
    return;
  }

  tally.filesScanned++;
  const { malformedLine, damagedPart } = outcome.problemCounts;
  tally.malformedLines += malformedLine;
  tally.damagedParts += damagedPart;
  for (const problem of outcome.problems) {
    tally.problems.push({ path, line: problem.line, message: problem.message });
  }
  const unlisted = malformedLine + damagedPart - outcome.problems.length;
  if (unlisted > 0) {
    tally.problems.push({
      path,
      message: unlistedMessage(unlisted, 'malformed lines and damaged parts'),
    });
  }
}

function unlistedMessage(count: number, what: string): string {
  return `${count.toLocaleString('en-US')} more ${what} in this file, not listed (only the first ${LISTED_PROBLEMS.toLocaleString('en-US')} are)`;
}

function createSink(
  path: string,
  summary: Summary,
  tally: ScanTally,
  options: ScanOptions,
): RecordSink {
  const { timeWindow } = options;
  const summariseOptions = { allIdentities: options.allIdentities };
  let malformedRecords = 0;
  return {
    event(event: CloudTrailEvent) {
      summary.tally.eventsRead++;
      const seconds = parseEventTime(event.eventTime);
      if (timeWindow && !isInTimeWindow(timeWindow, event.eventTime, seconds)) {
        if (Number.isNaN(seconds)) summary.tally.unparseableTimeFiltered++;
        else summary.tally.outsideTimeWindow++;
        return;
      }
      summariseEvent(summary, event, seconds, summariseOptions);
    },
    skipped(kind) {
      if (kind === 'digest') tally.digestRecords++;
      else if (kind === 'insight') tally.insightRecords++;
      else tally.nonObjectRecords++;
    },
    malformedRecord(detail) {
      tally.malformedRecords++;
      malformedRecords++;
      if (malformedRecords <= LISTED_PROBLEMS) {
        tally.problems.push({ path, message: `malformed record: ${detail}` });
      } else if (malformedRecords === LISTED_PROBLEMS + 1) {
        tally.problems.push({
          path,
          message: `further malformed records in this file are counted, not listed (only the first ${LISTED_PROBLEMS.toLocaleString('en-US')} are)`,
        });
      }
    },
  };
}

function recordUnreadable(path: string, error: unknown, tally: ScanTally): void {
  if (error instanceof NotRegularFileError) {
    tally.skippedFiles.notRegular++;
    tally.problems.push({ path, message: 'not a regular file (FIFO, socket or device); skipped' });
    return;
  }
  const code = (error as NodeJS.ErrnoException).code;
  tally.skippedFiles.unreadable++;
  const reason =
    code === 'ENOENT'
      ? 'removed during the scan'
      : `cannot be read (${code ?? (error as Error).message})`;
  tally.problems.push({ path, message: reason });
}
