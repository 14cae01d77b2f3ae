import { parse } from 'csv-parse/sync';
import { createSummary, summariseEvent } from '../../src/aggregate/index.js';
import { buildReport } from '../../src/enrich/index.js';
import { parseEventTime } from '../../src/filter/index.js';
import type { CloudTrailEvent, IdentityReport } from '../../src/model.js';
import { CSV_HEADER, renderCsv } from '../../src/render/index.js';

export const ALICE = 'arn:aws:iam::111122223333:user/alice';

export interface ReportOptions {
  abused?: Record<string, string>;
  hideDescriptions?: boolean;
  includeStsKeys?: boolean;
  allIdentities?: boolean;
}

/** Report rows for these events, through the same stages as the command. */
export function reportRows(
  events: CloudTrailEvent[],
  options: ReportOptions = {},
): IdentityReport[] {
  const summary = createSummary();
  for (const event of events) {
    summariseEvent(summary, event, parseEventTime(event.eventTime), {
      allIdentities: options.allIdentities ?? false,
    });
  }
  return buildReport(summary, {
    abusedList: new Map(Object.entries(options.abused ?? {})),
    hideDescriptions: options.hideDescriptions ?? false,
    includeStsKeys: options.includeStsKeys ?? false,
  });
}

export type CsvColumn = (typeof CSV_HEADER)[number];

/** The CSV report of these events, parsed back into one record of cells per identity. */
export function csvCells(
  events: CloudTrailEvent[],
  options: ReportOptions = {},
): Record<CsvColumn, string>[] {
  return parseCsv(renderCsv(reportRows(events, options)));
}

export function parseCsv(text: string): Record<CsvColumn, string>[] {
  return parse(text, { columns: true, relax_quotes: false }) as Record<CsvColumn, string>[];
}

/** An event by alice with only the fields a test sets. */
export function byAlice(fields: CloudTrailEvent = {}): CloudTrailEvent {
  return { userIdentity: { type: 'IAMUser', arn: ALICE }, ...fields };
}
