import type { EpochSeconds } from '../model.js';

/** How often a value was seen and when; times are epoch seconds, ±Infinity while none. */
export interface Seen {
  count: number;
  first: EpochSeconds;
  last: EpochSeconds;
}

/** One API (event name + source) of one identity, split by outcome. */
export interface ApiSeen {
  succeeded: Seen | undefined;
  failed: Seen | undefined;
}

/** Everything counted for one calling identity. Maps are keyed by `keyOf` values. */
export interface IdentitySummary {
  events: number;
  first: EpochSeconds;
  last: EpochSeconds;
  /** eventName key, then eventSource key. */
  apis: Map<string, Map<string, ApiSeen>>;
  awsRegions: Map<string, Seen>;
  sourceIPAddresses: Map<string, Seen>;
  userTypes: Map<string, Seen>;
  accessKeyIds: Map<string, Seen>;
  userAgents: Map<string, Seen>;
}

/** Counters of what happened to the events read; all plain numbers so partial scans add up. */
export interface EventTally {
  eventsRead: number;
  eventsSummarised: number;
  /** Events left out by the time window (time present but outside it). */
  outsideTimeWindow: number;
  /** Events left out because a time option was set and their eventTime could not be parsed. */
  unparseableTimeFiltered: number;
  /** Events kept whose eventTime could not be parsed (they count, but have no time). */
  unparseableTimeKept: number;
}

export interface Summary {
  identities: Map<string, IdentitySummary>;
  /** Events whose userIdentity has no ARN, by userIdentity.type (display text, `Unknown` when absent). */
  withoutArn: Map<string, number>;
  tally: EventTally;
}

export function createSummary(): Summary {
  return {
    identities: new Map(),
    withoutArn: new Map(),
    tally: {
      eventsRead: 0,
      eventsSummarised: 0,
      outsideTimeWindow: 0,
      unparseableTimeFiltered: 0,
      unparseableTimeKept: 0,
    },
  };
}

export function createIdentitySummary(): IdentitySummary {
  return {
    events: 0,
    first: Infinity,
    last: -Infinity,
    apis: new Map(),
    awsRegions: new Map(),
    sourceIPAddresses: new Map(),
    userTypes: new Map(),
    accessKeyIds: new Map(),
    userAgents: new Map(),
  };
}

export function createSeen(): Seen {
  return { count: 0, first: Infinity, last: -Infinity };
}
