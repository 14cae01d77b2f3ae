import { stringify } from 'csv-stringify/sync';
import type { IdentityReport, ValueEntry } from '../model.js';
import {
  accessKeyHeading,
  apiHeading,
  apiLabel,
  formatCount,
  formatTime,
  formatTimeSpan,
  valueHeadings,
  valueLabel,
} from './cells.js';
import { escapeControlCharacters as safe } from './escape.js';
import type { ApiEntry } from '../model.js';

export const CSV_HEADER = [
  'UserARN',
  'NumOfEvents',
  'FirstTimestamp',
  'LastTimestamp',
  'AbusedAPIs-Success',
  'AbusedAPIs-Failed',
  'OtherAPIs-Success',
  'OtherAPIs-Failed',
  'AWS-Regions',
  'SrcIPs',
  'UserTypes',
  'UserAccessKeyIDs',
  'UserAgents',
] as const;

/** The whole CSV report: header line, one line per identity, LF line ends, no BOM. */
export function renderCsv(rows: readonly IdentityReport[]): string {
  const records = [[...CSV_HEADER], ...rows.map(csvRecord)];
  return stringify(records, { record_delimiter: 'unix', quoted_match: /\r/ });
}

function csvRecord(row: IdentityReport): string[] {
  return [
    safe(row.userArnText),
    formatCount(row.events),
    row.first === undefined ? '' : formatTime(row.first),
    row.last === undefined ? '' : formatTime(row.last),
    apiCell(row.abusedSucceeded),
    apiCell(row.abusedFailed),
    apiCell(row.otherSucceeded),
    apiCell(row.otherFailed),
    valueCell(valueHeadings.awsRegions(row.awsRegions.length), row.awsRegions),
    valueCell(valueHeadings.sourceIPs(row.sourceIPs.length), row.sourceIPs),
    row.userTypes.map((entry) => safe(entry.text)).join('\n'),
    valueCell(accessKeyHeading(row), row.accessKeyIds),
    valueCell(valueHeadings.userAgents(row.userAgents.length), row.userAgents),
  ].map(guardFormula);
}

function apiCell(entries: readonly ApiEntry[]): string {
  return [apiHeading(entries), ...entries.map((e) => `${apiLabel(e)} ${formatTimeSpan(e)}`)].join(
    '\n',
  );
}

function valueCell(heading: string, entries: readonly ValueEntry[]): string {
  return [heading, ...entries.map((e) => `${valueLabel(e)} ${formatTimeSpan(e)}`)].join('\n');
}

/**
 * Log values are attacker-controlled: a cell that a spreadsheet would read as a formula gets a
 * leading apostrophe. The bare `-` placeholder for a missing value is left as it is.
 */
export function guardFormula(cell: string): string {
  if (cell === '-' || cell.length === 0) return cell;
  const first = cell.charCodeAt(0);
  const risky =
    first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13;
  return risky ? `'${cell}` : cell;
}
