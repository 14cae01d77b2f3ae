import { compareCodePoints, type EventTally } from '../aggregate/index.js';
import type { InputProblem, ScanTally, SkipReason } from '../scan/index.js';
import { formatCount } from './cells.js';
import { escapeControlCharacters as safe } from './escape.js';

export interface TallyFacts {
  scan: ScanTally;
  events: EventTally;
  identities: number;
  withoutArn: ReadonlyMap<string, number>;
  allIdentities: boolean;
  timeFiltered: boolean;
  elapsedSeconds: number;
}

/** One line of the final tally; `warn` lines mark something the analyst should know about. */
export interface TallyLine {
  level: 'info' | 'warn';
  text: string;
}

/** Why files were skipped, for one file and for several. */
const SKIP_LABELS: Record<SkipReason, [one: string, many: string]> = {
  unreadable: ['unreadable', 'unreadable'],
  notJson: ['not JSON', 'not JSON'],
  empty: ['empty', 'empty'],
  tooLarge: ['too large', 'too large'],
  digestFile: ['digest file', 'digest files'],
  notRegular: ['not a regular file', 'not regular files'],
};

/** The final tally: what was read, what was left out and why. */
export function renderTally(facts: TallyFacts): TallyLine[] {
  const { scan, events } = facts;
  const lines: TallyLine[] = [];
  const skipped = Object.entries(scan.skippedFiles).filter(([, n]) => n > 0);
  const skippedTotal = skipped.reduce((sum, [, n]) => sum + n, 0);
  const skippedText = skipped.map(([reason, n]) => plural(n, ...SKIP_LABELS[reason as SkipReason]));
  lines.push({
    level: 'info',
    text:
      `Files: ${formatCount(scan.filesScanned)} scanned (${formatBytes(scan.bytesRead)})` +
      (skippedTotal > 0
        ? `, ${formatCount(skippedTotal)} skipped (${skippedText.join(', ')})`
        : ''),
  });
  lines.push({
    level: 'info',
    text:
      `Events: ${formatCount(events.eventsRead)} read, ${formatCount(events.eventsSummarised)} summarised ` +
      `into ${plural(facts.identities, 'identity', 'identities')}`,
  });
  lines.push(...timeLines(facts), ...withoutArnLines(facts), ...recordLines(scan));
  lines.push({ level: 'info', text: `Elapsed: ${facts.elapsedSeconds.toFixed(1)} s` });
  return lines;
}

/**
 * Per-input problems, one line each: `path:line: message`, the first `limit` of them in path
 * order. Files are scanned on several threads in an order that depends on timing, so only a
 * sorted list shows the same problems from run to run. The sort is stable: the problems of one
 * file, which one thread found in order, keep that order.
 */
export function renderProblems(problems: readonly InputProblem[], limit: number): string[] {
  const sorted = [...problems].sort((a, b) => compareCodePoints(a.path, b.path));
  const shown = sorted.slice(0, limit).map((p) => {
    const where = p.line === undefined ? safe(p.path) : `${safe(p.path)}:${p.line}`;
    return `${where}: ${p.message}`;
  });
  if (problems.length > limit) {
    shown.push(
      `… and ${formatCount(problems.length - limit)} more (use --verbose to list them all)`,
    );
  }
  return shown;
}

function timeLines(facts: TallyFacts): TallyLine[] {
  const { events } = facts;
  const lines: TallyLine[] = [];
  if (facts.timeFiltered) {
    lines.push({
      level: 'info',
      text: `Time window: ${plural(events.outsideTimeWindow, 'event')} outside it left out`,
    });
  }
  if (events.unparseableTimeFiltered > 0) {
    lines.push({
      level: 'warn',
      text: `${plural(events.unparseableTimeFiltered, 'event')} without a parseable eventTime left out by the time window`,
    });
  }
  if (events.unparseableTimeKept > 0) {
    lines.push({
      level: 'warn',
      text: `${plural(events.unparseableTimeKept, 'event')} without a parseable eventTime summarised without a time`,
    });
  }
  return lines;
}

function withoutArnLines(facts: TallyFacts): TallyLine[] {
  const total = [...facts.withoutArn.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return [];
  const byType = [...facts.withoutArn]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([type, n]) => `${safe(type)}: ${formatCount(n)}`)
    .join(', ');
  const subject = `${plural(total, 'event')} without an ARN (${byType})`;
  return facts.allIdentities
    ? [{ level: 'info', text: `${subject} summarised as <type>:<id>` }]
    : [{ level: 'warn', text: `${subject} left out; add --all-identities to summarise them` }];
}

function recordLines(scan: ScanTally): TallyLine[] {
  const lines: TallyLine[] = [];
  const notEvents = [
    [scan.digestRecords, 'digest'],
    [scan.insightRecords, 'Insights'],
    [scan.nonObjectRecords, 'non-object'],
  ] as const;
  const notEventsText = notEvents
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${formatCount(n)} ${what}`);
  if (notEventsText.length > 0) {
    lines.push({
      level: 'info',
      text: `Records that are not events, skipped: ${notEventsText.join(', ')}`,
    });
  }
  const damage = [
    [scan.malformedLines, 'malformed line', 'malformed lines'],
    [scan.damagedParts, 'damaged part', 'damaged parts'],
    [scan.malformedRecords, 'malformed record', 'malformed records'],
    [scan.damagedGzipFiles, 'damaged gzip file', 'damaged gzip files'],
    [scan.invalidUtf8Files, 'file with invalid UTF-8', 'files with invalid UTF-8'],
  ] as const;
  const damageText = damage.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  if (damageText.length > 0) {
    lines.push({
      level: 'warn',
      text: `Damaged input (good parts were read): ${damageText.join(', ')}`,
    });
  }
  return lines;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
