import type { CloudTrailEvent, EpochSeconds } from '../model.js';
import {
  createIdentitySummary,
  createSeen,
  type ApiSeen,
  type IdentitySummary,
  type Seen,
  type Summary,
} from './summary.js';
import { displayText, isPresent, keyOf } from './value-key.js';

export interface SummariseOptions {
  /** Also summarise events whose userIdentity has no ARN, under `<type>:<id>`. */
  allIdentities: boolean;
}

/**
 * The identity of the previous event. Calls come in bursts from one caller, and comparing two
 * strings is cheaper than hashing a long ARN for every event.
 */
const recent: { key: string; summary: Summary | undefined; identity: IdentitySummary | undefined } =
  {
    key: '',
    summary: undefined,
    identity: undefined,
  };

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

  let identity =
    key === recent.key && recent.summary === summary
      ? recent.identity
      : summary.identities.get(key);
  if (identity === undefined) {
    identity = createIdentitySummary();
    summary.identities.set(key, identity);
  }
  recent.key = key;
  recent.summary = summary;
  recent.identity = identity;
  summary.tally.eventsSummarised++;
  if (Number.isNaN(seconds)) summary.tally.unparseableTimeKept++;
  addToIdentity(identity, event, userIdentity, seconds);
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
  identity: IdentitySummary,
  event: CloudTrailEvent,
  userIdentity: Record<string, unknown> | undefined,
  seconds: EpochSeconds,
): void {
  identity.events++;
  if (seconds < identity.first) identity.first = seconds;
  if (seconds > identity.last) identity.last = seconds;

  const api = apiSeen(identity, keyOf(event.eventName), keyOf(event.eventSource));
  if (isFailedEvent(event)) {
    api.failed ??= createSeen();
    recordSeen(api.failed, seconds);
  } else {
    api.succeeded ??= createSeen();
    recordSeen(api.succeeded, seconds);
  }

  recordValue(identity, 0, identity.awsRegions, keyOf(event.awsRegion), seconds);
  recordValue(identity, 1, identity.sourceIPAddresses, keyOf(event.sourceIPAddress), seconds);
  recordValue(identity, 2, identity.userAgents, keyOf(event.userAgent), seconds);
  recordValue(identity, 3, identity.userTypes, keyOf(userIdentity?.type), seconds);
  recordValue(identity, 4, identity.accessKeyIds, keyOf(userIdentity?.accessKeyId), seconds);
}

function apiSeen(identity: IdentitySummary, nameKey: string, sourceKey: string): ApiSeen {
  let bySource = identity.apis.get(nameKey);
  if (bySource === undefined) {
    bySource = new Map();
    identity.apis.set(nameKey, bySource);
  }
  let api = bySource.get(sourceKey);
  if (api === undefined) {
    api = { succeeded: undefined, failed: undefined };
    bySource.set(sourceKey, api);
  }
  return api;
}

function recordValue(
  identity: IdentitySummary,
  slot: number,
  values: Map<string, Seen>,
  key: string,
  seconds: EpochSeconds,
): void {
  let seen = identity.recentKeys[slot] === key ? identity.recentSeen[slot] : values.get(key);
  if (seen === undefined) {
    seen = createSeen();
    values.set(key, seen);
  }
  identity.recentKeys[slot] = key;
  identity.recentSeen[slot] = seen;
  recordSeen(seen, seconds);
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
