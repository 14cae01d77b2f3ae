/**
 * A structural scanner over UTF-8 bytes: finds where one JSON value ends, and where the
 * elements of its event list (a bare array, or the `Records` / `Events` array of a top-level
 * object) begin and end. It checks brackets, strings and raw control characters, not the full
 * grammar: every slice it reports is still parsed with JSON.parse, which rejects the rest.
 *
 * It runs only where a whole-document JSON.parse is impossible (damaged, several documents, or
 * too large for one string), so that complete events before a fault can still be kept.
 */

export interface ScannedValue {
  start: number;
  /** Index just after the value; meaningful when `complete`. */
  end: number;
  complete: boolean;
  /** Where the scan stopped on a fault: a bracket mismatch, a control character, or the end. */
  faultAt: number;
  /** The data ended inside the value. */
  truncated: boolean;
  /** The event list found: a bare array, or the key holding it. */
  eventList: 'array' | 'Records' | 'Events' | undefined;
  /** Flat [start, end, start, end, …] byte ranges of the event list's complete elements. */
  elements: number[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

const RECORDS = Buffer.from('"Records"');
const EVENTS = Buffer.from('"Events"');

export function isJsonWhitespace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Scans the value starting at `start` (its first byte, not whitespace) up to `limit`. */
export function scanValue(bytes: Buffer, start: number, limit: number): ScannedValue {
  const result: ScannedValue = {
    start,
    end: start,
    complete: false,
    faultAt: limit,
    truncated: true,
    eventList: undefined,
    elements: [],
  };
  const first = bytes[start];
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET)
    return scanScalar(bytes, start, limit, result);

  const stack: number[] = [];
  let listDepth = -1;
  let elementStart = -1;
  let lastKeyStart = -1;
  let lastKeyEnd = -1;

  for (let i = start; i < limit; i++) {
    const byte = bytes[i]!;
    if (byte === QUOTE) {
      const close = findStringEnd(bytes, i + 1, limit);
      if (close < 0) return fault(result, -close - 1, limit);
      if (stack.length === 1) {
        lastKeyStart = i;
        lastKeyEnd = close + 1;
      }
      if (stack.length === listDepth && elementStart < 0) elementStart = i;
      i = close;
      continue;
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (stack.length === listDepth && elementStart < 0) elementStart = i;
      stack.push(byte === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET);
      if (byte === OPEN_BRACKET && listDepth < 0) {
        const kind = eventListKind(bytes, stack.length, first, lastKeyStart, lastKeyEnd);
        if (kind) {
          result.eventList = kind;
          result.elements = [];
          listDepth = stack.length;
          elementStart = -1;
        }
      }
      continue;
    }
    if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (stack.pop() !== byte) return fault(result, i, limit);
      if (stack.length === listDepth - 1) {
        if (elementStart >= 0) pushElement(result, bytes, elementStart, i);
        listDepth = -2; // the event list is closed; a later one with the same key replaces it
        elementStart = -1;
      }
      if (stack.length === 0) {
        result.complete = true;
        result.truncated = false;
        result.end = i + 1;
        return result;
      }
      continue;
    }
    if (stack.length === listDepth) {
      if (byte === COMMA) {
        if (elementStart >= 0) pushElement(result, bytes, elementStart, i);
        elementStart = -1;
      } else if (elementStart < 0 && !isJsonWhitespace(byte)) {
        elementStart = i;
      }
    }
  }
  // The data ended at the level of the event list: an element that began with a bracket or a
  // quote has closed, so it is complete even though no comma followed it. A number or literal
  // could have been cut, so it is left out.
  if (stack.length === listDepth && elementStart >= 0 && isClosedByItself(bytes[elementStart])) {
    pushElement(result, bytes, elementStart, limit);
  }
  return result;
}

function isClosedByItself(first: number | undefined): boolean {
  return first === OPEN_BRACE || first === OPEN_BRACKET || first === QUOTE;
}

/** Index of the closing quote, or -(index of the fault)-1 for a control character or the end. */
function findStringEnd(bytes: Buffer, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const byte = bytes[i]!;
    if (byte === QUOTE) return i;
    if (byte === BACKSLASH) i++;
    else if (byte < 0x20) return -i - 1;
  }
  return -limit - 1;
}

function eventListKind(
  bytes: Buffer,
  depth: number,
  first: number | undefined,
  keyStart: number,
  keyEnd: number,
): ScannedValue['eventList'] {
  if (depth === 1) return 'array';
  if (depth !== 2 || first !== OPEN_BRACE || keyStart < 0) return undefined;
  const key = bytes.subarray(keyStart, keyEnd);
  if (key.equals(RECORDS)) return 'Records';
  if (key.equals(EVENTS)) return 'Events';
  return undefined;
}

function pushElement(result: ScannedValue, bytes: Buffer, start: number, end: number): void {
  let last = end;
  while (last > start && isJsonWhitespace(bytes[last - 1])) last--;
  result.elements.push(start, last);
}

function fault(result: ScannedValue, at: number, limit: number): ScannedValue {
  result.faultAt = at;
  result.truncated = at >= limit;
  return result;
}

/** A top-level string, number or literal: runs to the next whitespace or bracket. */
function scanScalar(
  bytes: Buffer,
  start: number,
  limit: number,
  result: ScannedValue,
): ScannedValue {
  if (bytes[start] === QUOTE) {
    const close = findStringEnd(bytes, start + 1, limit);
    if (close < 0) return fault(result, -close - 1, limit);
    return { ...result, complete: true, truncated: false, end: close + 1 };
  }
  let i = start;
  while (i < limit) {
    const byte = bytes[i]!;
    if (isJsonWhitespace(byte) || byte === OPEN_BRACE || byte === OPEN_BRACKET || byte === QUOTE)
      break;
    if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === COMMA) {
      i++;
      break;
    }
    i++;
  }
  return { ...result, complete: true, truncated: false, end: i };
}
