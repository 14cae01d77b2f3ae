import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createSummary,
  isFailedEvent,
  keyOf,
  mergeSummary,
  summariseEvent,
  type IdentitySummary,
  type Summary,
} from '../../src/aggregate/index.js';
import { parseEventTime } from '../../src/filter/index.js';
import type { CloudTrailEvent } from '../../src/model.js';

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const alice = { type: 'IAMUser', arn: ALICE, accessKeyId: 'AKIAEXAMPLEALICE0001' };

function summarise(events: CloudTrailEvent[], allIdentities = false): Summary {
  const summary = createSummary();
  for (const event of events) {
    summariseEvent(summary, event, parseEventTime(event.eventTime), { allIdentities });
  }
  return summary;
}

function identity(summary: Summary, key: unknown): IdentitySummary {
  const found = summary.identities.get(keyOf(key));
  assert.ok(found, `no identity ${JSON.stringify(key)}`);
  return found;
}

function outcomes(summary: Summary, key: unknown, eventName: string, eventSource: string) {
  const api = identity(summary, key).apis.get(keyOf(eventName))?.get(keyOf(eventSource));
  return { succeeded: api?.succeeded?.count ?? 0, failed: api?.failed?.count ?? 0 };
}

describe('an event failed when it says so in any of the ways CloudTrail has', () => {
  const cases: [string, CloudTrailEvent, boolean][] = [
    ['an errorCode', { errorCode: 'AccessDenied' }, true],
    ['a dotted errorCode', { errorCode: 'Client.UnauthorizedOperation' }, true],
    ['an errorMessage alone', { errorMessage: 'Failed authentication' }, true],
    [
      'a ConsoleLogin Failure without errorCode',
      { responseElements: { ConsoleLogin: 'Failure' } },
      true,
    ],
    ['a non-string errorCode', { errorCode: 0 }, true],
    ['no error fields', { eventName: 'ListBuckets' }, false],
    ['an empty-string errorCode', { errorCode: '' }, false],
    ['a null errorCode', { errorCode: null }, false],
    ['an empty errorMessage and a null errorCode', { errorMessage: '', errorCode: null }, false],
    ['a ConsoleLogin Success', { responseElements: { ConsoleLogin: 'Success' } }, false],
    ['ConsoleLogin in another case', { responseElements: { ConsoleLogin: 'failure' } }, false],
    ['null responseElements', { responseElements: null }, false],
    ['responseElements that are a string', { responseElements: 'Failure' }, false],
  ];
  for (const [title, event, failed] of cases) {
    it(`${failed ? 'counts' : 'does not count'} ${title} as a failure`, () => {
      assert.equal(isFailedEvent(event), failed);
    });
  }

  it('puts each call under exactly one outcome of its API', () => {
    const call = { userIdentity: alice, eventName: 'ListUsers', eventSource: 'iam.amazonaws.com' };
    const summary = summarise([
      call,
      { ...call, errorCode: 'AccessDenied' },
      { ...call, errorMessage: 'User is not authorized' },
      { ...call, errorCode: '' },
      { ...call, errorCode: null, errorMessage: null },
    ]);
    assert.deepEqual(outcomes(summary, ALICE, 'ListUsers', 'iam.amazonaws.com'), {
      succeeded: 3,
      failed: 2,
    });
    assert.equal(identity(summary, ALICE).events, 5);
  });
});

describe('events are grouped under their identity', () => {
  it('keys an identity by its ARN verbatim', () => {
    const arns = [
      'arn:aws:sts::111122223333:assumed-role/Admin/alice',
      'arn:aws:sts::111122223333:assumed-role/Admin/bob',
      'arn:aws:iam::111122223333:user/Alice',
      'arn:aws:iam::111122223333:user/alice',
      'arn:aws:iam::111122223333:user/alice ',
    ];
    const summary = summarise(arns.map((arn) => ({ userIdentity: { type: 'IAMUser', arn } })));
    assert.deepEqual([...summary.identities.keys()], arns);
  });

  it('keeps an ARN that is the number 5 apart from the string "5"', () => {
    const summary = summarise([
      { userIdentity: { arn: 5 } },
      { userIdentity: { arn: '5' } },
      { userIdentity: { arn: '5' } },
    ]);
    assert.equal(identity(summary, 5).events, 1);
    assert.equal(identity(summary, '5').events, 2);
  });

  it('keeps non-string values apart from the same text in every value column', () => {
    const summary = summarise([
      { userIdentity: alice, awsRegion: 5, sourceIPAddress: true, userAgent: { a: 1 } },
      { userIdentity: alice, awsRegion: '5', sourceIPAddress: 'true', userAgent: '{"a":1}' },
    ]);
    const { awsRegions, sourceIPAddresses, userAgents } = identity(summary, ALICE);
    for (const [values, raw, text] of [
      [awsRegions, 5, '5'],
      [sourceIPAddresses, true, 'true'],
      [userAgents, { a: 1 }, '{"a":1}'],
    ] as const) {
      assert.equal(values.size, 2);
      assert.equal(values.get(keyOf(raw))?.count, 1);
      assert.equal(values.get(keyOf(text))?.count, 1);
    }
  });
});

describe('events without an ARN', () => {
  const withoutArn: [string, unknown, string][] = [
    [
      'an AWSService identity',
      { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
      'AWSService',
    ],
    ['an empty ARN', { type: 'AssumedRole', arn: '' }, 'AssumedRole'],
    ['a null ARN', { type: 'AWSAccount', arn: null }, 'AWSAccount'],
    ['a missing type', { accountId: '111122223333' }, 'Unknown'],
    ['an empty type', { type: '' }, 'Unknown'],
    ['a userIdentity that is a string', 'IAMUser', 'Unknown'],
    ['a userIdentity that is an array', [{ type: 'IAMUser', arn: ALICE }], 'Unknown'],
    ['no userIdentity at all', undefined, 'Unknown'],
  ];
  for (const [title, userIdentity, type] of withoutArn) {
    it(`are counted under ${type} for ${title}, and not summarised by default`, () => {
      const summary = summarise([{ userIdentity }, { userIdentity: alice }]);
      assert.deepEqual([...summary.withoutArn], [[type, 1]]);
      assert.deepEqual([...summary.identities.keys()], [ALICE]);
      assert.equal(summary.tally.eventsSummarised, 1);
    });
  }

  it('are counted per type', () => {
    const summary = summarise([
      { userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' } },
      { userIdentity: { type: 'AWSService', invokedBy: 's3.amazonaws.com' } },
      { userIdentity: { type: 'AWSAccount', accountId: '111122223333' } },
      {},
    ]);
    assert.deepEqual(
      new Map(summary.withoutArn),
      new Map([
        ['AWSService', 2],
        ['AWSAccount', 1],
        ['Unknown', 1],
      ]),
    );
  });

  const full = {
    onBehalfOf: { userId: 'U-ON-BEHALF' },
    principalId: 'AIDAEXAMPLEPRINCIPAL',
    userName: 'alice',
    invokedBy: 'ec2.amazonaws.com',
    accountId: '111122223333',
  };
  const keyCases: [string, Record<string, unknown> | string, string][] = [
    [
      'onBehalfOf.userId first',
      { type: 'IdentityCenterUser', ...full },
      'IdentityCenterUser:U-ON-BEHALF',
    ],
    [
      'then principalId',
      { ...full, type: 'AssumedRole', onBehalfOf: undefined },
      'AssumedRole:AIDAEXAMPLEPRINCIPAL',
    ],
    [
      'then userName',
      { type: 'IAMUser', userName: 'alice', invokedBy: 'x', accountId: '1' },
      'IAMUser:alice',
    ],
    [
      'then invokedBy',
      { type: 'AWSService', invokedBy: 'ec2.amazonaws.com', accountId: '111122223333' },
      'AWSService:ec2.amazonaws.com',
    ],
    [
      'then accountId',
      { type: 'AWSAccount', accountId: '111122223333' },
      'AWSAccount:111122223333',
    ],
    ['else a dash', { type: 'AWSAccount' }, 'AWSAccount:-'],
    [
      'skipping empty and null candidates',
      { principalId: '', userName: null, onBehalfOf: { userId: '' }, accountId: '111122223333' },
      'Unknown:111122223333',
    ],
    [
      'ignoring an onBehalfOf that is not an object',
      { type: 'X', onBehalfOf: 'U', principalId: 'P' },
      'X:P',
    ],
    ['showing a number identifier as its JSON text', { type: 'X', principalId: 42 }, 'X:42'],
    ['with Unknown for a userIdentity that is a string', 'IAMUser', 'Unknown:-'],
  ];
  for (const [title, userIdentity, key] of keyCases) {
    it(`get the key ${key} with --all-identities: ${title}`, () => {
      const summary = summarise([{ userIdentity }], true);
      assert.deepEqual([...summary.identities.keys()], [keyOf(key)]);
      assert.equal(identity(summary, key).events, 1);
      assert.deepEqual([...summary.withoutArn], [[key.split(':')[0], 1]]);
    });
  }
});

describe('event times', () => {
  const at = (eventTime: unknown) => ({
    userIdentity: alice,
    eventName: 'GetObject',
    eventSource: 's3.amazonaws.com',
    awsRegion: 'us-east-1',
    eventTime,
  });

  it('count events with an unparseable time without moving first or last', () => {
    const summary = summarise([
      at('2024-03-01T10:00:00Z'),
      at('2024-02-30T00:00:00Z'),
      at('2024-03-01T09:00:00+09:00'),
      at(null),
      at('yesterday'),
    ]);
    const alices = identity(summary, ALICE);
    assert.equal(alices.events, 5);
    assert.equal(alices.first, Date.parse('2024-03-01T00:00:00Z') / 1000);
    assert.equal(alices.last, Date.parse('2024-03-01T10:00:00Z') / 1000);
    assert.deepEqual(alices.awsRegions.get('us-east-1'), {
      count: 5,
      first: Date.parse('2024-03-01T00:00:00Z') / 1000,
      last: Date.parse('2024-03-01T10:00:00Z') / 1000,
    });
    assert.equal(summary.tally.unparseableTimeKept, 3);
  });

  it('leave an identity with no parseable time without first and last', () => {
    const alices = identity(summarise([at('never'), at(undefined)]), ALICE);
    assert.equal(alices.events, 2);
    assert.equal(alices.first, Infinity);
    assert.equal(alices.last, -Infinity);
  });
});

describe('merging partial summaries', () => {
  const events: CloudTrailEvent[] = [
    {
      userIdentity: alice,
      eventName: 'RunInstances',
      eventSource: 'ec2.amazonaws.com',
      awsRegion: 'us-east-1',
      eventTime: '2024-03-01T10:00:00Z',
    },
    {
      userIdentity: alice,
      eventName: 'RunInstances',
      eventSource: 'ec2.amazonaws.com',
      awsRegion: 'us-west-2',
      eventTime: '2024-03-01T09:00:00Z',
    },
    {
      userIdentity: alice,
      eventName: 'ListUsers',
      eventSource: 'iam.amazonaws.com',
      errorCode: 'AccessDenied',
      eventTime: '2024-03-02T12:00:00Z',
    },
    {
      userIdentity: alice,
      eventName: 'ListUsers',
      eventSource: 'iam.amazonaws.com',
      sourceIPAddress: '198.51.100.20',
    },
    {
      userIdentity: {
        type: 'Root',
        arn: 'arn:aws:iam::111122223333:root',
        accessKeyId: 'ASIAEXAMPLEROOT00001',
      },
      eventName: 'ConsoleLogin',
      eventSource: 'signin.amazonaws.com',
      eventTime: '2024-03-02T13:00:00Z',
    },
    {
      userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
      eventName: 'AssumeRole',
      eventTime: '2024-03-02T14:00:00Z',
    },
    { userIdentity: 'odd', eventTime: '2024-03-02T15:00:00Z' },
  ];

  for (const allIdentities of [false, true]) {
    it(`equals summarising all events at once (allIdentities ${allIdentities})`, () => {
      const whole = summarise(events, allIdentities);
      for (let split = 0; split <= events.length; split++) {
        const merged = createSummary();
        mergeSummary(merged, summarise(events.slice(split), allIdentities));
        mergeSummary(merged, summarise(events.slice(0, split), allIdentities));
        assert.deepEqual(merged, whole, `split at ${split}`);
      }
    });
  }

  it('equals summarising all events at once when every event is its own part', () => {
    const merged = createSummary();
    for (const event of [...events].reverse()) mergeSummary(merged, summarise([event], true));
    assert.deepEqual(merged, summarise(events, true));
  });
});
