import {
  IncrementalDecoder,
  type DecodeProblem,
  type ProblemCounts,
} from './incremental-decoder.js';
import { emitDocument, type RecordSink } from './records.js';
import { readDeliverySlices } from './delivery-slices.js';
import { decodeUtf8 } from './text.js';

export type { DecodeProblem, ProblemCounts };

export interface DecodeResult {
  /** Complete JSON documents read (a delivery file is one; a JSON-lines file has one a line). */
  documents: number;
  /** The first problems found (at most LISTED_PROBLEMS). */
  problems: DecodeProblem[];
  /** All problems found, by kind. */
  problemCounts: ProblemCounts;
}

export interface DecodeLimits {
  /**
   * Largest document parsed with one JSON.parse. Larger input is read element by element, which
   * keeps memory near one event instead of the whole parsed document.
   */
  wholeParseBytes: number;
}

/** The result of reading one whole, undamaged document. */
function wholeDocument(): DecodeResult {
  return { documents: 1, problems: [], problemCounts: { malformedLine: 0, damagedPart: 0 } };
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = { wholeParseBytes: 64 * 1024 * 1024 };

/**
 * Decodes one file's bytes (already decompressed). A file that is one JSON document, as every
 * CloudTrail delivery file is, takes the fast path: its events read a slice at a time when it is
 * laid out as CloudTrail writes it and `inSlices` allows, else a single JSON.parse. Anything
 * else goes through the incremental decoder, which reads what can be read and reports the rest.
 *
 * With `inSlices`, throws SlicedReadFailedError when the file turned out not to be a plain
 * Records list after some of its events were emitted: the caller must start over without it.
 */
export function decodeBytes(
  bytes: Buffer,
  sink: RecordSink,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
  inSlices = false,
): DecodeResult {
  const start = byteOrderMarkLength(bytes);
  if (bytes.length - start <= limits.wholeParseBytes) {
    if (inSlices && readDeliverySlices(bytes, start, sink)) return wholeDocument();
    let document: unknown;
    let parsed = true;
    try {
      document = JSON.parse(decodeUtf8(bytes, start));
    } catch {
      parsed = false;
    }
    if (parsed) {
      emitDocument(document, sink);
      return wholeDocument();
    }
  }
  const decoder = new IncrementalDecoder(sink, limits.wholeParseBytes);
  decoder.push(bytes.subarray(start));
  decoder.end();
  return {
    documents: decoder.documents,
    problems: decoder.problems,
    problemCounts: decoder.problemCounts,
  };
}

/** A leading UTF-8 byte-order mark is not part of the JSON. */
export function byteOrderMarkLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}
