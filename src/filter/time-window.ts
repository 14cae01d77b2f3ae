import { UserError } from '../errors.js';
import type { EpochSeconds, Instant } from '../model.js';
import { daysFromCivil, daysInMonth } from './civil-time.js';
import { eventTimeFraction, parseEventTime } from './event-time.js';

/** The events to keep: from `start` (inclusive) to `end`, both optional. */
export interface TimeWindow {
  start?: Instant;
  end?: Instant;
  /** A bare end date means "up to the last instant of that day": kept as next midnight, exclusive. */
  endExclusive?: boolean;
}

export interface TimeWindowOptions {
  timelineStart?: string;
  timelineEnd?: string;
  timeOffset?: string;
  now: Date;
}

const UNIT_SECONDS: Record<string, number> = {
  y: 365 * 86_400,
  M: 30 * 86_400,
  d: 86_400,
  h: 3_600,
  m: 60,
};

/** Builds the window from the time options, or undefined when no time option is set. */
export function buildTimeWindow(options: TimeWindowOptions): TimeWindow | undefined {
  const { timelineStart, timelineEnd, timeOffset } = options;
  if (timelineStart !== undefined && timeOffset !== undefined) {
    throw new UserError(
      `--time-offset "${timeOffset}" and --timeline-start "${timelineStart}" both set the start ` +
        'of the window; use one, e.g. --time-offset 30d or --timeline-start 2024-03-01.',
    );
  }
  if (timelineStart === undefined && timelineEnd === undefined && timeOffset === undefined) {
    return undefined;
  }

  const window: TimeWindow = {};
  if (timelineStart !== undefined)
    window.start = parseDateOption('--timeline-start', timelineStart, 'start');
  if (timeOffset !== undefined) window.start = startFromOffset(timeOffset, options.now);
  if (timelineEnd !== undefined) {
    window.end = parseDateOption('--timeline-end', timelineEnd, 'end');
    window.endExclusive = isBareDate(timelineEnd);
  }
  if (
    window.start &&
    window.end &&
    compareInstants(window.start, window.end) > (window.endExclusive ? -1 : 0)
  ) {
    throw new UserError(
      `The time window is empty: ${describe(timelineStart, timeOffset)} is after --timeline-end "${timelineEnd}". ` +
        'Swap the dates, e.g. --timeline-start 2024-03-01 --timeline-end 2024-03-31.',
    );
  }
  return window;
}

/** Whether an event with this `eventTime` (already parsed to `seconds`) falls in the window. */
export function isInTimeWindow(
  window: TimeWindow,
  eventTime: unknown,
  seconds: EpochSeconds,
): boolean {
  if (Number.isNaN(seconds)) return false;
  const { start, end } = window;
  if (start && seconds <= start.seconds) {
    if (seconds < start.seconds) return false;
    if (eventTimeFraction(eventTime as string) < start.fraction) return false;
  }
  if (end && seconds >= end.seconds) {
    if (seconds > end.seconds || window.endExclusive) return false;
    if (eventTimeFraction(eventTime as string) > end.fraction) return false;
  }
  return true;
}

/** Parses `--time-offset` (`30d`, `3M`, `24h`) to the instant that long before `now`. */
export function startFromOffset(offset: string, now: Date): Instant {
  const match = /^(\d+)([yMdhm])$/.exec(offset);
  const amount = match ? Number(match[1]) : NaN;
  if (!match || !Number.isSafeInteger(amount)) {
    throw new UserError(
      `--time-offset "${offset}": not an offset. Use a whole number and one unit ` +
        '(y = 365 days, M = 30 days, d, h, m), e.g. --time-offset 30d.',
    );
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return { seconds: nowSeconds - amount * UNIT_SECONDS[match[2] as string]!, fraction: '' };
}

function parseDateOption(flag: string, value: string, side: 'start' | 'end'): Instant {
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (bare) {
    const [year, month, day] = [Number(bare[1]), Number(bare[2]), Number(bare[3])];
    if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      const midnight = daysFromCivil(year, month, day) * 86_400;
      return { seconds: side === 'start' ? midnight : midnight + 86_400, fraction: '' };
    }
  } else {
    const upper = value.toUpperCase();
    // RFC 3339 allows a space between date and time for readability; a zone is required.
    const separator = upper.charAt(10);
    const hasZone = /(Z|[+-]\d{2}:\d{2})$/.test(upper) && (separator === 'T' || separator === ' ');
    const seconds = hasZone ? parseEventTime(upper) : NaN;
    if (!Number.isNaN(seconds)) return { seconds, fraction: eventTimeFraction(upper) };
  }
  throw new UserError(
    `${flag} "${value}": not a valid date. Use RFC 3339 or a bare date, ` +
      `e.g. ${flag} 2024-03-01T09:00:00Z or ${flag} 2024-03-01.`,
  );
}

function isBareDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

function compareInstants(a: Instant, b: Instant): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  return a.fraction === b.fraction ? 0 : a.fraction < b.fraction ? -1 : 1;
}

function describe(timelineStart: string | undefined, timeOffset: string | undefined): string {
  return timelineStart !== undefined
    ? `--timeline-start "${timelineStart}"`
    : `--time-offset "${timeOffset}"`;
}
