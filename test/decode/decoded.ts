import { decodeBytes, type DecodeProblem, type SkippedRecordKind } from '../../src/decode/index.js';
import type { CloudTrailEvent } from '../../src/model.js';

/** Everything `decodeBytes` reported for one input, in the order it was reported. */
export interface Decoded {
  events: CloudTrailEvent[];
  skipped: SkippedRecordKind[];
  malformedRecords: number;
  problems: Pick<DecodeProblem, 'line' | 'kind'>[];
}

export function decode(input: string | Buffer): Decoded {
  const decoded: Decoded = { events: [], skipped: [], malformedRecords: 0, problems: [] };
  const result = decodeBytes(typeof input === 'string' ? Buffer.from(input, 'utf8') : input, {
    event: (event) => decoded.events.push(event),
    skipped: (kind) => decoded.skipped.push(kind),
    malformedRecord: () => decoded.malformedRecords++,
  });
  decoded.problems = result.problems.map(({ line, kind }) => ({ line, kind }));
  return decoded;
}

/** The eventName of each decoded event, which is all most tests need to tell events apart. */
export function eventNames(input: string | Buffer): unknown[] {
  return decode(input).events.map((event) => event.eventName);
}
