import type { EpochSeconds, Instant } from '../model.js';
import {
  EARLIEST_SECONDS,
  END_OF_RANGE_SECONDS,
  daysFromCivil,
  daysInMonth,
} from './civil-time.js';

const ZERO = 48;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const PLUS = 43;

/**
 * Parses an `eventTime` to epoch seconds, or returns NaN when it is not a real instant.
 *
 * Accepted: `YYYY-MM-DD`, `T` or a space, `HH:MM:SS`, optional fractional seconds, optional zone
 * (`Z` or `±HH:MM`; none means UTC). Runs for every event, so it reads character codes instead
 * of using a regular expression or Date, which also mishandles years below 100.
 */
export function parseEventTime(value: unknown): EpochSeconds {
  if (typeof value !== 'string') return NaN;
  const length = value.length;
  if (length < 19) return NaN;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const separator = value.charCodeAt(10);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  if (
    value.charCodeAt(4) !== DASH ||
    value.charCodeAt(7) !== DASH ||
    (separator !== 84 /* T */ && separator !== 32) ||
    value.charCodeAt(13) !== COLON ||
    value.charCodeAt(16) !== COLON ||
    !(
      year >= 1 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 59
    ) ||
    day > daysInMonth(year, month)
  ) {
    return NaN;
  }

  const zoneStart = skipFraction(value, 19);
  if (zoneStart < 0) return NaN;
  const zoneOffset = parseZoneOffset(value, zoneStart);
  if (Number.isNaN(zoneOffset)) return NaN;

  const seconds =
    daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - zoneOffset;
  return seconds >= EARLIEST_SECONDS && seconds < END_OF_RANGE_SECONDS ? seconds : NaN;
}

/** The digits after the decimal point of a parseable event time, trailing zeros removed. */
export function eventTimeFraction(value: string): string {
  if (value.charCodeAt(19) !== DOT) return '';
  const end = skipFraction(value, 19);
  return value.slice(20, end).replace(/0+$/, '');
}

/** Parses an event time into an instant with its fraction, or undefined when not parseable. */
export function parseEventInstant(value: unknown): Instant | undefined {
  const seconds = parseEventTime(value);
  if (Number.isNaN(seconds)) return undefined;
  return { seconds, fraction: eventTimeFraction(value as string) };
}

function digits(value: string, start: number, count: number): number {
  let result = 0;
  for (let i = start; i < start + count; i++) {
    const digit = value.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return NaN;
    result = result * 10 + digit;
  }
  return result;
}

/** Index after an optional `.digits` part starting at `start`, or -1 when the dot has no digits. */
function skipFraction(value: string, start: number): number {
  if (value.charCodeAt(start) !== DOT) return start;
  let i = start + 1;
  while (i < value.length) {
    const digit = value.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) break;
    i++;
  }
  return i === start + 1 ? -1 : i;
}

/** Seconds east of UTC for the zone at `start`, or NaN when the rest is not a valid zone. */
function parseZoneOffset(value: string, start: number): number {
  const rest = value.length - start;
  if (rest === 0) return 0;
  const sign = value.charCodeAt(start);
  if (rest === 1) return sign === 90 /* Z */ ? 0 : NaN;
  if (rest !== 6 || (sign !== PLUS && sign !== DASH) || value.charCodeAt(start + 3) !== COLON) {
    return NaN;
  }
  const hours = digits(value, start + 1, 2);
  const minutes = digits(value, start + 4, 2);
  if (!(hours <= 23 && minutes <= 59)) return NaN;
  const offset = hours * 3600 + minutes * 60;
  return sign === PLUS ? offset : -offset;
}
