import type { Measurement } from './measure.js';

export type Program = 'floor' | 'trailscope';

/** Everything measured for one case: the runs of each program, in the order they were made. */
export interface CaseResult {
  label: string;
  /** Shown in the table: files, events and uncompressed size of the input. */
  files: number;
  events: number;
  bytes: number;
  runs: Record<Program, Measurement[]>;
  /** Set when a program failed; its remaining runs were skipped. */
  failures: Partial<Record<Program, string>>;
}

export const TABLE_HEADER = [
  '| case | input | program | wall (median) | events/s | peak RSS (median) | tool/floor wall | tool/floor RSS |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
];

/** The table rows of one case: the floor (when it ran), then the tool with the paired ratios. */
export function renderCaseRows(result: CaseResult): string[] {
  const input = `${count(result.files, 'file')}, ${count(result.events, 'event')}, ${formatBytes(result.bytes)}`;
  const rows: string[] = [];
  for (const program of ['floor', 'trailscope'] as const) {
    const runs = result.runs[program];
    if (runs.length === 0 && !result.failures[program]) continue;
    const failure = result.failures[program];
    if (failure) {
      rows.push(`| ${result.label} | ${input} | ${program} | ${failure} | | | | |`);
      continue;
    }
    const wall = median(runs.map((run) => run.wallSeconds));
    const rss = median(
      runs.flatMap((run) => (run.peakRssBytes === undefined ? [] : [run.peakRssBytes])),
    );
    const ratios = program === 'trailscope' ? pairedRatios(result) : { wall: '', rss: '' };
    rows.push(
      `| ${result.label} | ${input} | ${program} | ${wall.toFixed(2)} s | ${formatRate(result.events / wall)} | ${formatBytes(rss)} | ${ratios.wall} | ${ratios.rss} |`,
    );
  }
  return rows;
}

/** Every wall time in run order, so the spread behind each median stays visible. */
export function renderRunTimes(result: CaseResult): string[] {
  return (['floor', 'trailscope'] as const)
    .filter((program) => result.runs[program].length > 0)
    .map(
      (program) =>
        `- ${result.label}, ${program}: ${result.runs[program].map((run) => run.wallSeconds.toFixed(2)).join(', ')} s`,
    );
}

/**
 * The ratio of each tool run to the floor run of the same round, then the median of those: a
 * machine that slows down part-way through slows both sides of a pair, so the ratio holds better
 * than a ratio of two separate medians.
 */
function pairedRatios(result: CaseResult): { wall: string; rss: string } {
  const { floor, trailscope } = result.runs;
  const pairs = Math.min(floor.length, trailscope.length);
  if (pairs === 0) return { wall: '', rss: '' };
  const wall: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const [f, t] = [floor[i] as Measurement, trailscope[i] as Measurement];
    wall.push(t.wallSeconds / f.wallSeconds);
    if (f.peakRssBytes && t.peakRssBytes) rss.push(t.peakRssBytes / f.peakRssBytes);
  }
  return {
    wall: `${median(wall).toFixed(2)}×`,
    rss: rss.length > 0 ? `${median(rss).toFixed(2)}×` : '',
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function count(value: number, noun: string): string {
  return `${value.toLocaleString('en-US')} ${noun}${value === 1 ? '' : 's'}`;
}

function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en-US')}`;
}

function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '?';
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(2)} GiB`
    : `${Math.round(bytes / 1024 ** 2)} MiB`;
}
