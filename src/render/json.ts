import { compactJson } from '../aggregate/index.js';
import { formatIsoUtc } from '../filter/index.js';
import type { ApiEntry, EpochSeconds, IdentityReport, ValueEntry } from '../model.js';

/** A JSON array of identity objects, in report order. Strings keep their original content. */
export function renderJson(rows: readonly IdentityReport[]): string {
  if (rows.length === 0) return '[]\n';
  const records = rows.map((row) => `  ${prettyJson(jsonRecord(row), 1)}`);
  return escapeInvisible(`[\n${records.join(',\n')}\n]\n`);
}

/** One compact JSON object per line, for streaming into jq or a SIEM. */
export function renderJsonLines(rows: readonly IdentityReport[]): string {
  return escapeInvisible(rows.map((row) => `${prettyJson(jsonRecord(row), undefined)}\n`).join(''));
}

/**
 * Characters JSON may carry raw but that a terminal or editor acts on: DEL, C1 controls,
 * bidirectional overrides, and the line and paragraph separators. JSON.stringify already
 * escapes C0 controls and lone surrogates.
 */
const INVISIBLE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * Writes those characters as `\uXXXX` escapes, which parse back to the same strings, so that
 * `cat report.json` is as inert as the CSV. They can only occur inside strings of the JSON
 * text, where an escape means the same character.
 */
function escapeInvisible(json: string): string {
  return json.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A value taken from the logs. It is written as compact JSON by a writer without recursion,
 * because JSON.stringify overflows its stack on a value nested a few thousand levels deep.
 */
class LogValue {
  constructor(readonly value: unknown) {}
}

type ReportJson = LogValue | string | number | null | ReportJson[] | { [key: string]: ReportJson };

function jsonRecord(row: IdentityReport): ReportJson {
  return {
    user_arn: new LogValue(row.userArn),
    num_of_events: row.events,
    first_timestamp: isoTime(row.first),
    last_timestamp: isoTime(row.last),
    user_types: row.userTypes.map((entry) => new LogValue(entry.value)),
    abused_apis_success: row.abusedSucceeded.map(jsonApi),
    abused_apis_failed: row.abusedFailed.map(jsonApi),
    other_apis_success: row.otherSucceeded.map(jsonApi),
    other_apis_failed: row.otherFailed.map(jsonApi),
    aws_regions: row.awsRegions.map(jsonValue),
    src_ips: row.sourceIPs.map(jsonValue),
    user_access_key_ids: row.accessKeyIds.map(jsonValue),
    user_agents: row.userAgents.map(jsonValue),
    sts_keys_hidden: row.stsKeysHidden,
  };
}

function jsonApi(entry: ApiEntry): ReportJson {
  return {
    event_name: new LogValue(entry.eventName),
    event_source: new LogValue(entry.eventSource),
    description: entry.description ?? null,
    count: entry.count,
    first_seen: isoTime(entry.first),
    last_seen: isoTime(entry.last),
  };
}

function jsonValue(entry: ValueEntry): ReportJson {
  const base = {
    value: new LogValue(entry.value),
    count: entry.count,
    first_seen: isoTime(entry.first),
    last_seen: isoTime(entry.last),
  };
  if (!entry.geo) return base;
  const { asn, asOrg, city, country } = entry.geo;
  return { ...base, asn, as_org: asOrg, city, country };
}

function isoTime(seconds: EpochSeconds | undefined): string | null {
  return seconds === undefined ? null : formatIsoUtc(seconds);
}

/**
 * The report's own structure, laid out as `JSON.stringify(value, null, 2)` would at nesting
 * `level`, or compact when `level` is undefined; log values inside are always compact. The
 * structure is a few levels deep, so recursing over it is safe.
 */
function prettyJson(value: ReportJson, level: number | undefined): string {
  if (value instanceof LogValue) return compactJson(value.value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = level === undefined ? undefined : level + 1;
  const items = Array.isArray(value)
    ? value.map((item) => prettyJson(item, inner))
    : Object.entries(value).map(
        ([key, item]) =>
          `${JSON.stringify(key)}:${level === undefined ? '' : ' '}${prettyJson(item, inner)}`,
      );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return `${open}${close}`;
  if (level === undefined) return `${open}${items.join(',')}${close}`;
  const indent = '  '.repeat(level);
  return `${open}\n${indent}  ${items.join(`,\n${indent}  `)}\n${indent}${close}`;
}
