import {
  createIdentitySummary,
  createSeen,
  type IdentitySummary,
  type Seen,
  type Summary,
} from './summary.js';

/** Adds a partial summary (from another file or worker) into `into`; exact, order-independent. */
export function mergeSummary(into: Summary, from: Summary): void {
  for (const [key, partial] of from.identities) {
    let identity = into.identities.get(key);
    if (identity === undefined) {
      identity = createIdentitySummary();
      into.identities.set(key, identity);
    }
    mergeIdentity(identity, partial);
  }
  for (const [type, count] of from.withoutArn) {
    into.withoutArn.set(type, (into.withoutArn.get(type) ?? 0) + count);
  }
  const tally = into.tally;
  for (const name of Object.keys(tally) as (keyof typeof tally)[]) {
    tally[name] += from.tally[name];
  }
}

function mergeIdentity(into: IdentitySummary, from: IdentitySummary): void {
  into.events += from.events;
  into.first = Math.min(into.first, from.first);
  into.last = Math.max(into.last, from.last);
  for (const [nameKey, fromBySource] of from.apis) {
    let bySource = into.apis.get(nameKey);
    if (bySource === undefined) {
      bySource = new Map();
      into.apis.set(nameKey, bySource);
    }
    for (const [sourceKey, fromApi] of fromBySource) {
      const api = bySource.get(sourceKey) ?? { succeeded: undefined, failed: undefined };
      bySource.set(sourceKey, api);
      if (fromApi.succeeded)
        api.succeeded = mergeSeen(api.succeeded ?? createSeen(), fromApi.succeeded);
      if (fromApi.failed) api.failed = mergeSeen(api.failed ?? createSeen(), fromApi.failed);
    }
  }
  mergeValues(into.awsRegions, from.awsRegions);
  mergeValues(into.sourceIPAddresses, from.sourceIPAddresses);
  mergeValues(into.userTypes, from.userTypes);
  mergeValues(into.accessKeyIds, from.accessKeyIds);
  mergeValues(into.userAgents, from.userAgents);
}

function mergeValues(into: Map<string, Seen>, from: Map<string, Seen>): void {
  for (const [key, seen] of from) into.set(key, mergeSeen(into.get(key) ?? createSeen(), seen));
}

function mergeSeen(into: Seen, from: Seen): Seen {
  into.count += from.count;
  into.first = Math.min(into.first, from.first);
  into.last = Math.max(into.last, from.last);
  return into;
}
