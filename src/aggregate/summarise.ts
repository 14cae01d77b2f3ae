import type { CloudTrailEvent, EpochSeconds } from '../model.js';
import {
  createIdentitySummary,
  createSeen,
  type ApiSeen,
  type IdentitySummary,
  type Seen,
  type Summary,
} from './summary.js';
import { LookupCache, sampleHash } from './lookup-cache.js';
import { TrackedIdentity, type RecentValue } from './tracked-identity.js';
import { displayText, isPresent, keyOf } from './value-key.js';

export interface SummariseOptions {
  /** Also summarise events whose userIdentity has no ARN, under `<type>:<id>`. */
  allIdentities: boolean;
}

/**
 * One per thread: summaries built one after another on a thread share it, and entries of a
 * finished summary only wait to be replaced.
 */
const cache = new LookupCache();

/** What this thread keeps about the identities of each summary it adds to. */
const trackedBySummary = new WeakMap<Summary, Map<string, TrackedIdentity>>();

/** Adds one event (its time already parsed, NaN when unparseable) to the summary. */
export function summariseEvent(
  summary: Summary,
  event: CloudTrailEvent,
  seconds: EpochSeconds,
  options: SummariseOptions,
): void {
  const userIdentity = asObject(event.userIdentity);
  const key = identityKey(summary, userIdentity, options);
  if (key === undefined) return;

  const slot = cache.slot(0, key, '');
  let tracked = cache.find(slot, summary.identities, key, '') as TrackedIdentity | undefined;
  if (tracked === undefined) {
    tracked = trackIdentity(summary, key);
    cache.remember(slot, summary.identities, key, '', tracked);
  }
  summary.tally.eventsSummarised++;
  if (Number.isNaN(seconds)) summary.tally.unparseableTimeKept++;
  addToIdentity(tracked, event, userIdentity, seconds);
}

function trackIdentity(summary: Summary, key: string): TrackedIdentity {
  let byKey = trackedBySummary.get(summary);
  if (byKey === undefined) {
    byKey = new Map();
    trackedBySummary.set(summary, byKey);
  }
  let tracked = byKey.get(key);
  if (tracked === undefined) {
    let identity = summary.identities.get(key);
    if (identity === undefined) {
      identity = createIdentitySummary();
      summary.identities.set(key, identity);
    }
    tracked = new TrackedIdentity(identity, sampleHash(key));
    byKey.set(key, tracked);
  }
  return tracked;
}

/**
 * An event failed when it carries an error code or message, or is a console sign-in whose
 * response says "Failure": denials come under many codes, and failed console logins have only
 * an error message, so matching one exact code would report denied attacks as successes.
 */
export function isFailedEvent(event: CloudTrailEvent): boolean {
  if (isPresent(event.errorCode) || isPresent(event.errorMessage)) return true;
  const response = event.responseElements;
  return (
    response !== null &&
    typeof response === 'object' &&
    (response as Record<string, unknown>).ConsoleLogin === 'Failure'
  );
}

function identityKey(
  summary: Summary,
  userIdentity: Record<string, unknown> | undefined,
  options: SummariseOptions,
): string | undefined {
  const arn = userIdentity?.arn;
  if (isPresent(arn)) return keyOf(arn);

  // Service and cross-account activity has no ARN yet is sometimes exactly the attack, so it is
  // always counted, and summarised on request.
  const type = isPresent(userIdentity?.type) ? displayText(userIdentity?.type) : 'Unknown';
  summary.withoutArn.set(type, (summary.withoutArn.get(type) ?? 0) + 1);
  if (!options.allIdentities) return undefined;
  return keyOf(`${type}:${displayText(identifierWithoutArn(userIdentity))}`);
}

function identifierWithoutArn(userIdentity: Record<string, unknown> | undefined): unknown {
  if (userIdentity === undefined) return undefined;
  const onBehalfOf = asObject(userIdentity.onBehalfOf);
  const candidates = [
    onBehalfOf?.userId,
    userIdentity.principalId,
    userIdentity.userName,
    userIdentity.invokedBy,
    userIdentity.accountId,
  ];
  return candidates.find(isPresent);
}

function addToIdentity(
  tracked: TrackedIdentity,
  event: CloudTrailEvent,
  userIdentity: Record<string, unknown> | undefined,
  seconds: EpochSeconds,
): void {
  const { identity, salt } = tracked;
  identity.events++;
  if (seconds < identity.first) identity.first = seconds;
  if (seconds > identity.last) identity.last = seconds;

  const api = apiSeen(identity, salt, keyOf(event.eventName), keyOf(event.eventSource));
  if (isFailedEvent(event)) {
    api.failed ??= createSeen();
    recordSeen(api.failed, seconds);
  } else {
    api.succeeded ??= createSeen();
    recordSeen(api.succeeded, seconds);
  }

  countValue(tracked.region, identity.awsRegions, salt + 1, keyOf(event.awsRegion), seconds);
  countValue(
    tracked.address,
    identity.sourceIPAddresses,
    salt + 2,
    keyOf(event.sourceIPAddress),
    seconds,
  );
  countValue(tracked.agent, identity.userAgents, salt + 3, keyOf(event.userAgent), seconds);
  countValue(tracked.type, identity.userTypes, salt + 4, keyOf(userIdentity?.type), seconds);
  countValue(
    tracked.accessKey,
    identity.accessKeyIds,
    salt + 5,
    keyOf(userIdentity?.accessKeyId),
    seconds,
  );
}

/** Counts a value, found as the identity's last one of the field when it is the same again. */
function countValue(
  recent: RecentValue,
  values: Map<string, Seen>,
  salt: number,
  key: string,
  seconds: EpochSeconds,
): void {
  if (recent.key !== key) {
    recent.key = key;
    recent.seen = valueSeen(values, salt, key);
  }
  recordSeen(recent.seen, seconds);
}

function apiSeen(
  identity: IdentitySummary,
  salt: number,
  nameKey: string,
  sourceKey: string,
): ApiSeen {
  const slot = cache.slot(salt, nameKey, sourceKey);
  let api = cache.find(slot, identity.apis, nameKey, sourceKey) as ApiSeen | undefined;
  if (api !== undefined) return api;
  let bySource = identity.apis.get(nameKey);
  if (bySource === undefined) {
    bySource = new Map();
    identity.apis.set(nameKey, bySource);
  }
  api = bySource.get(sourceKey);
  if (api === undefined) {
    api = { succeeded: undefined, failed: undefined };
    bySource.set(sourceKey, api);
  }
  cache.remember(slot, identity.apis, nameKey, sourceKey, api);
  return api;
}

function valueSeen(values: Map<string, Seen>, salt: number, key: string): Seen {
  const slot = cache.slot(salt, key, '');
  let seen = cache.find(slot, values, key, '') as Seen | undefined;
  if (seen !== undefined) return seen;
  seen = values.get(key);
  if (seen === undefined) {
    seen = createSeen();
    values.set(key, seen);
  }
  cache.remember(slot, values, key, '', seen);
  return seen;
}

/** NaN (no parseable time) fails both comparisons, so it only adds to the count. */
function recordSeen(seen: Seen, seconds: EpochSeconds): void {
  seen.count++;
  if (seconds < seen.first) seen.first = seconds;
  if (seconds > seen.last) seen.last = seconds;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
