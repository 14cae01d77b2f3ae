import {
  compareCodePoints,
  compareRanked,
  displayTextOfKey,
  type Ranked,
  valueOfKey,
  type IdentitySummary,
  type Seen,
  type Summary,
} from '../aggregate/index.js';
import type { ApiEntry, GeoFacts, IdentityReport, ValueEntry } from '../model.js';
import type { AbusedList } from './abused-list.js';

export interface ReportOptions {
  abusedList: AbusedList;
  hideDescriptions: boolean;
  includeStsKeys: boolean;
  /** GeoIP look-up of a source-IP value; undefined leaves the values as they are. */
  lookUpSourceIp?: (value: unknown) => { text: string; geo: GeoFacts } | undefined;
}

/** Turns the summary into report rows: sorted, split by abused list, STS keys hidden. */
export function buildReport(summary: Summary, options: ReportOptions): IdentityReport[] {
  const rows = [...summary.identities].map(([key, identity]) => ({
    key,
    row: buildRow(key, identity, options),
  }));
  // Distinct keys can show the same text (the number 5 and the string "5"): the key breaks the
  // tie so that the order never depends on which file came first.
  rows.sort(
    (a, b) =>
      b.row.events - a.row.events ||
      compareCodePoints(a.row.userArnText, b.row.userArnText) ||
      compareCodePoints(a.key, b.key),
  );
  return rows.map(({ row }) => row);
}

function buildRow(key: string, identity: IdentitySummary, options: ReportOptions): IdentityReport {
  const apis = buildApiEntries(identity, options);
  const allKeys = buildValueEntries(identity.accessKeyIds);
  const shownKeys = options.includeStsKeys ? allKeys : allKeys.filter((entry) => !isStsKey(entry));
  const sourceIPs = buildValueEntries(identity.sourceIPAddresses);
  return {
    userArn: valueOfKey(key),
    userArnText: displayTextOfKey(key),
    events: identity.events,
    first: timeOrUndefined(identity.first),
    last: timeOrUndefined(identity.last),
    ...apis,
    awsRegions: buildValueEntries(identity.awsRegions),
    sourceIPs: options.lookUpSourceIp ? sourceIPs.map((e) => enrichIp(e, options)) : sourceIPs,
    // A stable sort of entries already in a total order keeps equal texts deterministic.
    userTypes: buildValueEntries(identity.userTypes).sort((a, b) =>
      compareCodePoints(a.text, b.text),
    ),
    accessKeyIds: shownKeys,
    stsKeysHidden: allKeys.length - shownKeys.length,
    userAgents: buildValueEntries(identity.userAgents),
  };
}

/**
 * Temporary credentials are numerous and short-lived, so by default only their number is shown;
 * the events made with them still count in every other column.
 */
function isStsKey(entry: ValueEntry): boolean {
  return typeof entry.value === 'string' && entry.value.startsWith('ASIA');
}

function buildApiEntries(identity: IdentitySummary, options: ReportOptions) {
  const groups = {
    abusedSucceeded: [] as ApiEntry[],
    abusedFailed: [] as ApiEntry[],
    otherSucceeded: [] as ApiEntry[],
    otherFailed: [] as ApiEntry[],
  };
  const keysOf = new Map<ApiEntry, [string, string]>();
  for (const [nameKey, bySource] of identity.apis) {
    const eventName = valueOfKey(nameKey);
    const abusedDescription =
      typeof eventName === 'string' ? options.abusedList.get(eventName) : undefined;
    const abused = abusedDescription !== undefined;
    const description = abused && !options.hideDescriptions ? abusedDescription : undefined;
    for (const [sourceKey, api] of bySource) {
      const base = {
        eventName,
        eventSource: valueOfKey(sourceKey),
        nameText: displayTextOfKey(nameKey),
        sourceText: displayTextOfKey(sourceKey),
        description,
      };
      for (const [seen, list] of [
        [api.succeeded, abused ? groups.abusedSucceeded : groups.otherSucceeded],
        [api.failed, abused ? groups.abusedFailed : groups.otherFailed],
      ] as const) {
        if (seen === undefined) continue;
        const entry = apiEntry(base, seen);
        keysOf.set(entry, [nameKey, sourceKey]);
        list.push(entry);
      }
    }
  }
  for (const list of Object.values(groups))
    sortByRank(list, (e) => [e.nameText, e.sourceText, ...keysOf.get(e)!]);
  return groups;
}

function apiEntry(base: Omit<ApiEntry, 'count' | 'first' | 'last'>, seen: Seen): ApiEntry {
  return {
    ...base,
    count: seen.count,
    first: timeOrUndefined(seen.first),
    last: timeOrUndefined(seen.last),
  };
}

function buildValueEntries(values: Map<string, Seen>): ValueEntry[] {
  const keyOfEntry = new Map<ValueEntry, string>();
  for (const [key, seen] of values) {
    const entry: ValueEntry = {
      value: valueOfKey(key),
      text: displayTextOfKey(key),
      count: seen.count,
      first: timeOrUndefined(seen.first),
      last: timeOrUndefined(seen.last),
    };
    keyOfEntry.set(entry, key);
  }
  return sortByRank([...keyOfEntry.keys()], (e) => [e.text, keyOfEntry.get(e)!]);
}

/** Sorts entries in place, in cell order; sort texts end with the grouping keys, so no ties. */
function sortByRank<T extends Omit<Ranked, 'sortText'>>(
  entries: T[],
  sortTextOf: (entry: T) => string[],
): T[] {
  const sortTexts = new Map(entries.map((entry) => [entry, sortTextOf(entry)]));
  return entries.sort((a, b) =>
    compareRanked({ ...a, sortText: sortTexts.get(a)! }, { ...b, sortText: sortTexts.get(b)! }),
  );
}
function enrichIp(entry: ValueEntry, options: ReportOptions): ValueEntry {
  const found = options.lookUpSourceIp?.(entry.value);
  return found ? { ...entry, text: found.text, geo: found.geo } : entry;
}

function timeOrUndefined(seconds: number): number | undefined {
  return Number.isFinite(seconds) ? seconds : undefined;
}
