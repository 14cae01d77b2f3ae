import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSummary, keyOf, summariseEvent, type Summary } from '../../src/aggregate/index.js';
import { LookupCache, sampleHash } from '../../src/aggregate/lookup-cache.js';
import { parseEventTime } from '../../src/filter/index.js';
import type { CloudTrailEvent } from '../../src/model.js';

describe('LookupCache answers only for the same map and the same keys', () => {
  const cache = new LookupCache();
  const regions = new Map<string, number>();
  const other = new Map<string, number>();
  const slot = cache.slot(7, 'us-east-1', '');
  cache.remember(slot, regions, 'us-east-1', '', 1);

  it('finds what it remembered', () => {
    assert.equal(cache.find(slot, regions, 'us-east-1', ''), 1);
  });
  it('does not answer for another map', () => {
    assert.equal(cache.find(slot, other, 'us-east-1', ''), undefined);
  });
  it('does not answer for another key in the same slot', () => {
    assert.equal(cache.find(slot, regions, 'us-east-2', ''), undefined);
    assert.equal(cache.find(slot, regions, 'us-east-1', 'x'), undefined);
  });
  it('compares keys by content, not by which string object holds them', () => {
    const built = ['us', 'east', '1'].join('-');
    assert.equal(cache.find(slot, regions, built, ''), 1);
  });
});

describe('sampleHash', () => {
  it('hashes empty and very short strings to whole numbers', () => {
    for (const text of ['', 'a', 'ab', 'abc', '\u0000']) {
      assert.ok(Number.isInteger(sampleHash(text)), JSON.stringify(text));
    }
  });
  it('gives strings that differ only where it does not look the same hash', () => {
    // Length 20: it reads positions 19, 18, 17, 10 and 5.
    assert.equal(sampleHash('aaaaaXaaaaXaaaaaaXXX'), sampleHash('bbbbbXbbbbXbbbbbbXXX'));
  });
});

/** Counts by a plain Map, the obvious way: what the summary must agree with. */
function referenceCounts(events: CloudTrailEvent[]): Map<string, Map<string, number>> {
  const byArn = new Map<string, Map<string, number>>();
  for (const event of events) {
    const arn = (event.userIdentity as { arn: string }).arn;
    const ips = byArn.get(arn) ?? new Map<string, number>();
    byArn.set(arn, ips);
    const ip = keyOf(event.sourceIPAddress);
    ips.set(ip, (ips.get(ip) ?? 0) + 1);
  }
  return byArn;
}

function summariseAll(events: CloudTrailEvent[]): Summary {
  const summary = createSummary();
  for (const event of events) {
    summariseEvent(summary, event, parseEventTime(event.eventTime), { allIdentities: false });
  }
  return summary;
}

function ipCounts(summary: Summary): Map<string, Map<string, number>> {
  const byArn = new Map<string, Map<string, number>>();
  for (const [arn, identity] of summary.identities) {
    byArn.set(arn, new Map([...identity.sourceIPAddresses].map(([ip, seen]) => [ip, seen.count])));
  }
  return byArn;
}

describe('the summary counts exactly whatever the cache makes of the values', () => {
  it('keeps apart identities and addresses built to share every sampled character', () => {
    // Same length, same characters at the sampled positions, different elsewhere.
    const arns = ['aaaaaXaaaaXaaaaaaXXX', 'bbbbbXbbbbXbbbbbbXXX', 'cccccXccccXccccccXXX'];
    const ips = ['1.1.1.1.X.1.1.1.1XXX', '2.2.2.2.X.2.2.2.2XXX'];
    const events: CloudTrailEvent[] = [];
    for (let i = 0; i < 60; i++) {
      events.push({
        eventTime: '2024-01-01T00:00:00Z',
        eventName: 'GetCallerIdentity',
        eventSource: 'sts.amazonaws.com',
        sourceIPAddress: ips[i % 2],
        userIdentity: { type: 'IAMUser', arn: arns[i % 3] },
      });
    }
    assert.deepEqual(ipCounts(summariseAll(events)), referenceCounts(events));
  });

  it('counts exactly when the values outnumber the cache slots many times over', () => {
    const events: CloudTrailEvent[] = [];
    for (let i = 0; i < 120_000; i++) {
      events.push({
        eventTime: '2024-01-01T00:00:00Z',
        eventName: `Call${i % 97}`,
        eventSource: 'ec2.amazonaws.com',
        sourceIPAddress: `10.${(i * 7919) % 251}.${(i * 31) % 199}.${i % 7}`,
        userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/u${i % 61}` },
      });
    }
    const summary = summariseAll(events);
    assert.deepEqual(ipCounts(summary), referenceCounts(events));
    const calls = [...summary.identities.values()].reduce(
      (sum, identity) =>
        sum +
        [...identity.apis.values()].reduce(
          (inner, bySource) =>
            inner + [...bySource.values()].reduce((n, api) => n + (api.succeeded?.count ?? 0), 0),
          0,
        ),
      0,
    );
    assert.equal(calls, events.length);
  });
});
