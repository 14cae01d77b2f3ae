import { formatUtc } from '../filter/index.js';
import type { ApiEntry, EpochSeconds, IdentityReport, ValueEntry } from '../model.js';
import { escapeControlCharacters as safe } from './escape.js';

/** Comma thousands separators whatever the locale: 477,373. */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `YYYY-MM-DD HH:MM:SS`, or `-` when unknown. */
export function formatTime(seconds: EpochSeconds | undefined): string {
  return seconds === undefined ? '-' : formatUtc(seconds);
}

export function formatTimeSpan(entry: { first?: EpochSeconds; last?: EpochSeconds }): string {
  return `(${formatTime(entry.first)} ~ ${formatTime(entry.last)})`;
}

export function apiHeading(entries: readonly ApiEntry[]): string {
  if (entries.length === 0) return 'Unique APIs: 0';
  const total = entries.reduce((sum, entry) => sum + entry.count, 0);
  return `Unique APIs: ${formatCount(entries.length)} | Total APIs ${formatCount(total)}`;
}

/** `<count> - <eventName> (<eventSource>)[ - <description>]`, without the time span. */
export function apiLabel(entry: ApiEntry): string {
  const description = entry.description ? ` - ${safe(entry.description)}` : '';
  return `${formatCount(entry.count)} - ${safe(entry.nameText)} (${safe(entry.sourceText)})${description}`;
}

export function valueLabel(entry: ValueEntry): string {
  return `${formatCount(entry.count)} - ${safe(entry.text)}`;
}

/** The heading line of each value column, as in the CSV header cell's first line. */
export const valueHeadings = {
  awsRegions: (n: number) => `Total regions: ${formatCount(n)}`,
  sourceIPs: (n: number) => `Total source IPs: ${formatCount(n)}`,
  userAgents: (n: number) => `Total user agents: ${formatCount(n)}`,
  accessKeyIds: (n: number, hidden: number) =>
    `Total access key ids: ${formatCount(n)}` +
    (hidden > 0 ? ` (+${formatCount(hidden)} STS keys hidden)` : ''),
};

export function accessKeyHeading(row: IdentityReport): string {
  return valueHeadings.accessKeyIds(row.accessKeyIds.length, row.stsKeysHidden);
}
