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
  let identity = cache.find(slot, summary.identities, key, '') as IdentitySummary | undefined;
  if (identity === undefined) {
    identity = summary.identities.get(key);
    if (identity === undefined) {
      identity = createIdentitySummary();
      summary.identities.set(key, identity);
    }
    cache.remember(slot, summary.identities, key, '', identity);
  }
  summary.tally.eventsSummarised++;
  if (Number.isNaN(seconds)) summary.tally.unparseableTimeKept++;
  addToIdentity(identity, sampleHash(key), event, userIdentity, seconds);
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

/** `salt` sets this identity's maps apart from other identities' maps in the cache. */
function addToIdentity(
  identity: IdentitySummary,
  salt: number,
  event: CloudTrailEvent,
  userIdentity: Record<string, unknown> | undefined,
  seconds: EpochSeconds,
): void {
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

  recordSeen(valueSeen(identity.awsRegions, salt + 1, keyOf(event.awsRegion)), seconds);
  recordSeen(
    valueSeen(identity.sourceIPAddresses, salt + 2, keyOf(event.sourceIPAddress)),
    seconds,
  );
  recordSeen(valueSeen(identity.userAgents, salt + 3, keyOf(event.userAgent)), seconds);
  recordSeen(valueSeen(identity.userTypes, salt + 4, keyOf(userIdentity?.type)), seconds);
  recordSeen(valueSeen(identity.accessKeyIds, salt + 5, keyOf(userIdentity?.accessKeyId)), seconds);
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
