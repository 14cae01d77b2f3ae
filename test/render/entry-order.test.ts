import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudTrailEvent } from '../../src/model.js';
import { byAlice, csvCells } from './report.js';

/** The value lines of the user-agent cell, heading dropped. */
function agentLines(events: CloudTrailEvent[]): string[] {
  return csvCells(events)[0]!.UserAgents.split('\n').slice(1);
}

const agentAt = (userAgent: string, eventTime?: string) =>
  byAlice({
    userAgent,
    ...(eventTime === undefined ? {} : { eventTime: `2024-03-01T${eventTime}Z` }),
  });
const span = (first: string, last = first) => `(2024-03-01 ${first} ~ 2024-03-01 ${last})`;

describe('entries inside a cell', () => {
  it('come busiest first', () => {
    const events = [
      agentAt('one', '09:00:00'),
      agentAt('two', '08:00:00'),
      agentAt('two', '08:00:00'),
    ];
    assert.deepEqual(agentLines(events), [
      `2 - two ${span('08:00:00')}`,
      `1 - one ${span('09:00:00')}`,
    ]);
  });

  it('break a count tie by the later first-seen time', () => {
    const events = [
      agentAt('early', '08:00:00'),
      agentAt('early', '12:00:00'),
      agentAt('late', '09:00:00'),
      agentAt('late', '10:00:00'),
    ];
    assert.deepEqual(agentLines(events), [
      `2 - late ${span('09:00:00', '10:00:00')}`,
      `2 - early ${span('08:00:00', '12:00:00')}`,
    ]);
  });

  it('break a first-seen tie by the later last-seen time', () => {
    const events = [
      agentAt('a-short', '08:00:00'),
      agentAt('a-short', '09:00:00'),
      agentAt('b-long', '08:00:00'),
      agentAt('b-long', '11:00:00'),
    ];
    assert.deepEqual(agentLines(events), [
      `2 - b-long ${span('08:00:00', '11:00:00')}`,
      `2 - a-short ${span('08:00:00', '09:00:00')}`,
    ]);
  });

  it('put entries without any time after timed ones', () => {
    const events = [agentAt('a-untimed'), agentAt('z-timed', '00:00:00')];
    assert.deepEqual(agentLines(events), [
      `1 - z-timed ${span('00:00:00')}`,
      '1 - a-untimed (- ~ -)',
    ]);
  });

  it('break a full tie by code point order of the shown value', () => {
    const values = ['b', 'B', 'a', '\u00e9', '-x', '😀', '\uff21', '\ufffd', 'ab', 'a b'];
    const byCodePoint = ['-x', 'B', 'a', 'a b', 'ab', 'b', '\u00e9', '\uff21', '\ufffd', '😀'];
    const lines = agentLines(values.map((value) => agentAt(value, '09:00:00')));
    assert.deepEqual(
      lines,
      byCodePoint.map((value) => `1 - ${value} ${span('09:00:00')}`),
    );
  });

  it('order an astral character after U+FFxx, as code points do and UTF-16 units do not', () => {
    const lines = agentLines([agentAt('\u{1f600}'), agentAt('\uff5e')]);
    assert.deepEqual(lines, ['1 - \uff5e (- ~ -)', '1 - \u{1f600} (- ~ -)']);
  });

  it('order API entries by eventName, then eventSource, on a full tie', () => {
    const call = (eventName: string, eventSource: string) =>
      byAlice({ eventName, eventSource, eventTime: '2024-03-01T09:00:00Z' });
    const events = [
      call('List', 'z.amazonaws.com'),
      call('Get', 's3.amazonaws.com'),
      call('List', 'a.amazonaws.com'),
      call('Get', 'ec2.amazonaws.com'),
    ];
    assert.deepEqual(csvCells(events)[0]!['OtherAPIs-Success'].split('\n').slice(1), [
      `1 - Get (ec2.amazonaws.com) ${span('09:00:00')}`,
      `1 - Get (s3.amazonaws.com) ${span('09:00:00')}`,
      `1 - List (a.amazonaws.com) ${span('09:00:00')}`,
      `1 - List (z.amazonaws.com) ${span('09:00:00')}`,
    ]);
  });

  it('do not depend on the order of the events', () => {
    const events = [
      agentAt('x', '09:00:00'),
      agentAt('y', '09:00:00'),
      agentAt('x'),
      agentAt('z'),
      agentAt('y'),
      agentAt('w', '10:00:00'),
    ];
    const expected = agentLines(events);
    for (let shift = 1; shift < events.length; shift++) {
      const rotated = [...events.slice(shift), ...events.slice(0, shift)];
      assert.deepEqual(agentLines(rotated), expected);
      assert.deepEqual(agentLines(rotated.reverse()), expected);
    }
  });
});

describe('the user types cell', () => {
  it('lists the distinct types sorted by code point, one per line', () => {
    const types = ['Root', 'AssumedRole', 'IAMUser', 'AssumedRole', 'AWSService'];
    const events = types.map((type) => ({
      userIdentity: { type, arn: 'arn:aws:iam::111122223333:user/shared' },
    }));
    assert.equal(csvCells(events)[0]!.UserTypes, 'AWSService\nAssumedRole\nIAMUser\nRoot');
  });
});

describe('identity rows', () => {
  it('come by event count, then by key in code point order', () => {
    const arn = (name: string) => `arn:aws:iam::111122223333:user/${name}`;
    const events = ['b', 'a', '\u{1f600}', '\uff5e', 'c', 'c', 'B'].map((name) => ({
      userIdentity: { arn: arn(name) },
    }));
    assert.deepEqual(
      csvCells(events).map((row) => [row.UserARN, row.NumOfEvents]),
      [
        [arn('c'), '2'],
        [arn('B'), '1'],
        [arn('a'), '1'],
        [arn('b'), '1'],
        [arn('\uff5e'), '1'],
        [arn('\u{1f600}'), '1'],
      ],
    );
  });
});
