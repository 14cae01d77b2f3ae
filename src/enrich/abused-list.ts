import { parse } from 'csv-parse/sync';

/** Commonly abused API calls: event name to description. */
export type AbusedList = ReadonlyMap<string, string>;

export class AbusedListError extends Error {
  override readonly name = 'AbusedListError';
}

/**
 * Reads the abused-API CSV: a header with `EventName` and `Description` columns (others are
 * ignored, in any order), standard quoting; a repeated name keeps its last row.
 */
export function parseAbusedList(text: string): AbusedList {
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    });
  } catch (error) {
    throw new AbusedListError(`not valid CSV (${(error as Error).message})`);
  }

  const header = rows[0]?.map((name) => name.trim()) ?? [];
  const nameColumn = header.indexOf('EventName');
  const descriptionColumn = header.indexOf('Description');
  if (nameColumn < 0 || descriptionColumn < 0) {
    throw new AbusedListError('the first line must be the header "EventName,Description"');
  }

  const list = new Map<string, string>();
  for (const row of rows.slice(1)) {
    const name = row[nameColumn]?.trim();
    if (name) list.set(name, row[descriptionColumn] ?? '');
  }
  if (list.size === 0) throw new AbusedListError('it has a header but no event names');
  return list;
}
