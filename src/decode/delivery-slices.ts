import { emitRecord, type RecordSink } from './records.js';
import { decodeUtf8 } from './text.js';

/** How a file written by CloudTrail begins: a Records list whose first element is an object. */
const OPENING = '{"Records":[{';

/** How CloudTrail writes the end of one event and the start of the next. */
const BETWEEN_EVENTS = '},{"eventVersion":';

/** About how much one slice holds: a few dozen events, which stay in the processor's caches. */
const SLICE_BYTES = 32 * 1024;

/**
 * Some events were summarised before the file turned out not to be a plain Records list, so
 * its events cannot be read again without counting some twice. The scan starts over without
 * slices; see `readDeliverySlices`.
 */
export class SlicedReadFailedError extends Error {
  override readonly name = 'SlicedReadFailedError';
}

/**
 * Reads the events of a file laid out as CloudTrail writes it, `{"Records":[{…},{…}]}`, a slice
 * of a few dozen events at a time instead of with one JSON.parse of the whole file. The events
 * of a slice are summarised while they are still in the processor's caches, and die young,
 * where a whole file's events would outlive several garbage collections; and no string of the
 * whole file is made, which for a large one is held outside the heap and makes the collector
 * run more often.
 *
 * A slice ends where the text reads `},{"eventVersion":`. Outside strings that is the end of
 * an object in a list; inside one, the quote would end the string and be followed by a letter,
 * which is not JSON. (Those are ASCII bytes, which UTF-8 never uses within another character.)
 * So when every slice parses, the slices are exactly the elements of the Records list, and the
 * events are those of a whole parse. A slice that ends inside an event (a nested list of objects
 * with that key) does not parse, and is retried up to the end of the list.
 *
 * Reads `bytes` from `start` (after any byte-order mark). Returns false, having emitted nothing,
 * when they are not laid out that way, are too short to be worth slicing, or the first slice
 * does not parse: the caller then reads the file as usual. Throws SlicedReadFailedError when a
 * later slice does not parse: the file is damaged, or holds more than the Records list (such as
 * a second Records key, which a whole parse would keep instead of the first).
 */
export function readDeliverySlices(
  bytes: Buffer,
  start: number,
  sink: RecordSink,
  sliceBytes = SLICE_BYTES,
): boolean {
  // A file of a slice or two gains nothing from slices, and is parsed whole more cheaply.
  if (bytes.length - start <= 2 * sliceBytes) return false;
  if (
    bytes.length - start < OPENING.length ||
    bytes.toString('latin1', start, start + OPENING.length) !== OPENING
  ) {
    return false;
  }
  let end = bytes.length;
  while (end > start && isJsonSpace(bytes[end - 1]!)) end--;
  if (bytes.toString('latin1', end - 3, end) !== '}]}') return false;
  const lastBrace = end - 3;

  const firstBrace = start + OPENING.length - 1;
  let sliceStart = firstBrace;
  while (sliceStart <= lastBrace) {
    let stop = bytes.indexOf(BETWEEN_EVENTS, sliceStart + sliceBytes, 'latin1');
    if (stop < 0 || stop > lastBrace) stop = lastBrace;
    let events = parseList(bytes, sliceStart, stop);
    if (events === undefined && stop < lastBrace) {
      stop = lastBrace;
      events = parseList(bytes, sliceStart, stop);
    }
    if (events === undefined) {
      if (sliceStart === firstBrace) return false;
      throw new SlicedReadFailedError('a file laid out as CloudTrail writes it is not');
    }
    for (const event of events) emitRecord(event, sink);
    sliceStart = stop + 2;
  }
  return true;
}

/** The objects from `start` to the brace at `stop`, parsed as a list; undefined if not JSON. */
function parseList(bytes: Buffer, start: number, stop: number): unknown[] | undefined {
  try {
    return JSON.parse(`[${decodeUtf8(bytes, start, stop + 1)}]`) as unknown[];
  } catch {
    return undefined;
  }
}

function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
