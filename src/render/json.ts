import { formatIsoUtc } from '../filter/index.js';
import type { ApiEntry, EpochSeconds, IdentityReport, ValueEntry } from '../model.js';

/** A JSON array of identity objects, in report order. Strings keep their original content. */
export function renderJson(rows: readonly IdentityReport[]): string {
  if (rows.length === 0) return '[]\n';
  return `[\n${rows.map((row) => indent(JSON.stringify(jsonRecord(row), null, 2))).join(',\n')}\n]\n`;
}

/** One compact JSON object per line, for streaming into jq or a SIEM. */
export function renderJsonLines(rows: readonly IdentityReport[]): string {
  return rows.map((row) => `${JSON.stringify(jsonRecord(row))}\n`).join('');
}

function jsonRecord(row: IdentityReport) {
  return {
    user_arn: row.userArn,
    num_of_events: row.events,
    first_timestamp: isoTime(row.first),
    last_timestamp: isoTime(row.last),
    user_types: row.userTypes.map((entry) => entry.value),
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

function jsonApi(entry: ApiEntry) {
  return {
    event_name: entry.eventName,
    event_source: entry.eventSource,
    description: entry.description ?? null,
    count: entry.count,
    first_seen: isoTime(entry.first),
    last_seen: isoTime(entry.last),
  };
}

function jsonValue(entry: ValueEntry) {
  const base = {
    value: entry.value,
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

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
