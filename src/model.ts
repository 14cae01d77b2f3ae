/** One CloudTrail record as parsed from JSON; every field is attacker-controlled and optional. */
export type CloudTrailEvent = Record<string, unknown>;

/** Epoch seconds (UTC) of an event time; fractions are dropped, as the report shows seconds. */
export type EpochSeconds = number;

/** A point in time with its full precision, used only for the time-window comparison. */
export interface Instant {
  seconds: EpochSeconds;
  /** Fractional-second digits with trailing zeros removed ('' for a whole second). */
  fraction: string;
}

export type OutputFormat = 'csv' | 'json' | 'jsonl';

/** One value of a cell (a region, an IP, a key, an agent) with how often and when it was seen. */
export interface ValueEntry {
  /** The original log value: a string, another JSON value, or null when not present. */
  value: unknown;
  /** What the report shows for it (`-` when not present, compact JSON for non-strings). */
  text: string;
  count: number;
  first: EpochSeconds | undefined;
  last: EpochSeconds | undefined;
  /** Set on source-IP entries when GeoIP enrichment is on. */
  geo?: GeoFacts;
}

/** What the GeoIP step found for one source-IP value. */
export interface GeoFacts {
  asn: number | null;
  asOrg: string | null;
  city: string | null;
  country: string | null;
}

/** One API (event name and source) under one outcome, with its abused-list description. */
export interface ApiEntry {
  eventName: unknown;
  eventSource: unknown;
  nameText: string;
  sourceText: string;
  /** Abused-list description; undefined for other APIs and when descriptions are hidden. */
  description: string | undefined;
  count: number;
  first: EpochSeconds | undefined;
  last: EpochSeconds | undefined;
}

/** One row of the report: everything about one calling identity, in display order. */
export interface IdentityReport {
  userArn: unknown;
  userArnText: string;
  events: number;
  first: EpochSeconds | undefined;
  last: EpochSeconds | undefined;
  abusedSucceeded: ApiEntry[];
  abusedFailed: ApiEntry[];
  otherSucceeded: ApiEntry[];
  otherFailed: ApiEntry[];
  awsRegions: ValueEntry[];
  sourceIPs: ValueEntry[];
  userTypes: ValueEntry[];
  accessKeyIds: ValueEntry[];
  /** Distinct temporary (ASIA…) keys left out of `accessKeyIds` unless asked for. */
  stsKeysHidden: number;
  userAgents: ValueEntry[];
}
