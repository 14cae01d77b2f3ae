import pc from 'picocolors';
import type { ApiEntry, IdentityReport, ValueEntry } from '../model.js';
import {
  accessKeyHeading,
  apiHeading,
  formatCount,
  formatTime,
  formatTimeSpan,
  valueHeadings,
} from './cells.js';
import { escapeControlCharacters as safe } from './escape.js';
import { fitToWidth } from './fit-width.js';

export interface TerminalOptions {
  color: boolean;
  columns: number;
}

/** How many entries of each cell are shown; the rest are counted. */
const TOP_APIS = 8;
const TOP_VALUES = 4;
const LABEL_WIDTH = 14;

/**
 * Offensive-security distributions announce themselves in the AWS CLI and SDK user agents
 * (`…Linux/6.6.9-amd64 exe/x86_64.kali.2024…`); a call from one is rarely legitimate.
 */
export const ATTACKER_DISTRIBUTION = /(?<![a-z])(kali|parrot|pentoo|blackarch)/i;

type Colors = ReturnType<typeof pc.createColors>;

/** The human report: a block per identity, top entries of each cell, never wider than `columns`. */
export function renderTerminalReport(
  rows: readonly IdentityReport[],
  options: TerminalOptions,
): string {
  const colors = pc.createColors(options.color);
  if (rows.length === 0) return 'No identities to report.\n';
  const blocks = rows.map((row, index) => renderIdentity(row, index + 1, colors, options.columns));
  const heading = colors.bold(
    fitToWidth(
      `${formatCount(rows.length)} identit${rows.length === 1 ? 'y' : 'ies'}, busiest first`,
      options.columns,
    ),
  );
  return `${heading}\n\n${blocks.join('\n')}`;
}

function renderIdentity(
  row: IdentityReport,
  rank: number,
  colors: Colors,
  columns: number,
): string {
  const lines: string[] = [];
  const title = fitToWidth(`${rank}. ${safe(row.userArnText)}`, columns);
  lines.push(colors.bold(colors.underline(title)));
  const span = `${formatTime(row.first)} ~ ${formatTime(row.last)}`;
  const types = row.userTypes.map((entry) => safe(entry.text)).join(', ');
  lines.push(
    fitToWidth(
      `${'Events'.padEnd(LABEL_WIDTH)}${formatCount(row.events)}  (${span})  ${types}`,
      columns,
    ),
  );

  const apiSections: [string, ApiEntry[], (text: string) => string][] = [
    ['Abused OK', row.abusedSucceeded, (t) => colors.red(colors.bold(t))],
    ['Abused FAILED', row.abusedFailed, (t) => colors.magenta(t)],
    ['Other OK', row.otherSucceeded, (t) => t],
    ['Other FAILED', row.otherFailed, (t) => colors.yellow(t)],
  ];
  for (const [label, entries, paint] of apiSections) {
    if (entries.length === 0) continue;
    lines.push(
      ...section(
        label,
        apiHeading(entries),
        entries.map((e) => terminalEntry(apiText(e), e)),
        TOP_APIS,
        paint,
        columns,
      ),
    );
  }

  const agentPaint = (text: string) =>
    ATTACKER_DISTRIBUTION.test(text) ? colors.red(colors.bold(text)) : text;
  const valueSections: [string, string, ValueEntry[], (text: string) => string][] = [
    ['Regions', valueHeadings.awsRegions(row.awsRegions.length), row.awsRegions, (t) => t],
    ['Source IPs', valueHeadings.sourceIPs(row.sourceIPs.length), row.sourceIPs, (t) => t],
    ['Access keys', accessKeyHeading(row), row.accessKeyIds, (t) => t],
    ['User agents', valueHeadings.userAgents(row.userAgents.length), row.userAgents, agentPaint],
  ];
  for (const [label, heading, entries, paint] of valueSections) {
    lines.push(
      ...section(
        label,
        heading,
        entries.map((e) => terminalEntry(safe(e.text), e)),
        TOP_VALUES,
        paint,
        columns,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

interface TerminalEntry {
  count: string;
  text: string;
  first: number | undefined;
  last: number | undefined;
}

function terminalEntry(text: string, entry: ApiEntry | ValueEntry): TerminalEntry {
  return { count: formatCount(entry.count), text, first: entry.first, last: entry.last };
}

/** `Name (source) - description`: the API entry without the CSV's count prefix. */
function apiText(entry: ApiEntry): string {
  const description = entry.description ? ` - ${safe(entry.description)}` : '';
  return `${safe(entry.nameText)} (${safe(entry.sourceText)})${description}`;
}

/** From this width on, entry times are shown in full; below it without the year. */
const WIDE_TERMINAL = 160;

/** `(MM-DD HH:MM:SS ~ MM-DD HH:MM:SS)`: the year is on the identity's Events line. */
function shortTimeSpan(entry: { first?: number; last?: number }): string {
  const short = (seconds: number | undefined) =>
    seconds === undefined ? '-' : formatTime(seconds).slice(5);
  return `(${short(entry.first)} ~ ${short(entry.last)})`;
}

/** Below this many columns for the text, the time span is left out rather than the text cut. */
const MIN_TEXT_WIDTH = 32;

/**
 * A labelled list: heading, the top entries with right-aligned counts, and how many more. The
 * time span stays when the text can keep at least MIN_TEXT_WIDTH columns; long text is cut
 * with an ellipsis, so no line is wider than the terminal.
 */
function section(
  label: string,
  heading: string,
  entries: TerminalEntry[],
  top: number,
  paint: (text: string) => string,
  columns: number,
): string[] {
  const indent = ' '.repeat(LABEL_WIDTH);
  const lines = [fitToWidth(`${label.padEnd(LABEL_WIDTH)}${heading}`, columns)];
  const shown = entries.slice(0, top);
  const countWidth = Math.max(0, ...shown.map((entry) => entry.count.length));
  for (const entry of shown) {
    const prefix = `${indent}${entry.count.padStart(countWidth)}  `;
    const available = columns - prefix.length;
    const times = `  ${columns >= WIDE_TERMINAL ? formatTimeSpan(entry) : shortTimeSpan(entry)}`;
    const text =
      available - times.length >= MIN_TEXT_WIDTH
        ? fitToWidth(entry.text, available - times.length) + times
        : fitToWidth(entry.text, Math.max(available, 1));
    lines.push(fitToWidth(prefix, columns) + paint(text));
  }
  if (entries.length > top) {
    lines.push(fitToWidth(`${indent}… ${formatCount(entries.length - top)} more`, columns));
  }
  return lines;
}
