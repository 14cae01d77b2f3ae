import { isUtf8 } from 'node:buffer';
import { summariseEvent, type Summary } from '../aggregate/index.js';
import {
  decodeBytes,
  readLogFile,
  TooLargeError,
  type DecodeLimits,
  type FileContent,
  type ReadLimits,
  type RecordSink,
} from '../decode/index.js';
import { isInTimeWindow, parseEventTime, type TimeWindow } from '../filter/index.js';
import type { CloudTrailEvent } from '../model.js';
import type { ScanTally } from './scan-tally.js';

export interface ScanOptions {
  timeWindow: TimeWindow | undefined;
  allIdentities: boolean;
  readLimits: ReadLimits;
  decodeLimits: DecodeLimits;
}

/** Reads, decodes, filters and summarises one file; problems are tallied, never thrown. */
export function scanFile(
  path: string,
  summary: Summary,
  tally: ScanTally,
  options: ScanOptions,
): void {
  let content: FileContent;
  try {
    content = readLogFile(path, options.readLimits);
  } catch (error) {
    recordUnreadable(path, error, tally);
    return;
  }
  scanContent(path, content, summary, tally, options);
}

/** The part of `scanFile` after reading, shared with standard input. */
export function scanContent(
  path: string,
  content: FileContent,
  summary: Summary,
  tally: ScanTally,
  options: ScanOptions,
): void {
  tally.bytesRead += content.sizeOnDisk;
  if (content.gzipProblem) {
    tally.damagedGzipFiles++;
    tally.problems.push({
      path,
      message: `${content.gzipProblem}; the data before the damage was read`,
    });
  }
  if (!isUtf8(content.bytes)) {
    tally.invalidUtf8Files++;
    tally.problems.push({ path, message: 'invalid UTF-8 bytes, read as U+FFFD' });
  }

  const eventsBefore = summary.tally.eventsRead;
  const sink = createSink(path, summary, tally, options);
  const result = decodeBytes(content.bytes, sink, options.decodeLimits);
  const readSomething = result.documents > 0 || summary.tally.eventsRead > eventsBefore;

  if (!readSomething && !content.gzipProblem) {
    const firstProblem = result.problems[0];
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
  for (const problem of result.problems) {
    tally[problem.kind === 'malformedLine' ? 'malformedLines' : 'damagedParts']++;
    tally.problems.push({ path, line: problem.line, message: problem.message });
  }
}

function createSink(
  path: string,
  summary: Summary,
  tally: ScanTally,
  options: ScanOptions,
): RecordSink {
  const { timeWindow } = options;
  const summariseOptions = { allIdentities: options.allIdentities };
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
      tally.problems.push({ path, message: `malformed record: ${detail}` });
    },
  };
}

function recordUnreadable(path: string, error: unknown, tally: ScanTally): void {
  if (error instanceof TooLargeError) {
    tally.skippedFiles.tooLarge++;
    tally.problems.push({ path, message: `skipped: ${error.message}` });
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
