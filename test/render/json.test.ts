import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderJson, renderJsonLines } from '../../src/render/index.js';
import { ALICE, byAlice, reportRows } from './report.js';

const events = [
  byAlice({
    userIdentity: { type: 'IAMUser', arn: ALICE, accessKeyId: 'ASIAEXAMPLETEMP00001' },
    eventTime: '2024-03-01T09:00:00.750Z',
    eventName: 'ListUsers',
    eventSource: 'iam.amazonaws.com',
    errorCode: 'AccessDenied',
    awsRegion: 5,
    sourceIPAddress: { ip: '192.0.2.1' },
  }),
  byAlice({ eventName: 'GetCallerIdentity', awsRegion: '5', userAgent: true, eventTime: 'bad' }),
  {
    userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root' },
    eventTime: '2024-03-02T13:00:00+01:00',
  },
];

describe('the JSON report', () => {
  const rows = JSON.parse(
    renderJson(reportRows(events, { abused: { ListUsers: 'Enumerates identities' } })),
  );

  it('is an array of one object per identity, busiest first', () => {
    assert.deepEqual(
      rows.map((row: { user_arn: unknown }) => row.user_arn),
      [ALICE, 'arn:aws:iam::111122223333:root'],
    );
  });

  it('holds plain numbers, UTC times to the second, null for absent values and JSON types kept', () => {
    assert.deepEqual(rows[0], {
      user_arn: ALICE,
      num_of_events: 2,
      first_timestamp: '2024-03-01T09:00:00Z',
      last_timestamp: '2024-03-01T09:00:00Z',
      user_types: ['IAMUser'],
      abused_apis_success: [],
      abused_apis_failed: [
        {
          event_name: 'ListUsers',
          event_source: 'iam.amazonaws.com',
          description: 'Enumerates identities',
          count: 1,
          first_seen: '2024-03-01T09:00:00Z',
          last_seen: '2024-03-01T09:00:00Z',
        },
      ],
      other_apis_success: [
        {
          event_name: 'GetCallerIdentity',
          event_source: null,
          description: null,
          count: 1,
          first_seen: null,
          last_seen: null,
        },
      ],
      other_apis_failed: [],
      aws_regions: [
        {
          value: 5,
          count: 1,
          first_seen: '2024-03-01T09:00:00Z',
          last_seen: '2024-03-01T09:00:00Z',
        },
        { value: '5', count: 1, first_seen: null, last_seen: null },
      ],
      src_ips: [
        {
          value: { ip: '192.0.2.1' },
          count: 1,
          first_seen: '2024-03-01T09:00:00Z',
          last_seen: '2024-03-01T09:00:00Z',
        },
        { value: null, count: 1, first_seen: null, last_seen: null },
      ],
      user_access_key_ids: [{ value: null, count: 1, first_seen: null, last_seen: null }],
      user_agents: [
        {
          value: null,
          count: 1,
          first_seen: '2024-03-01T09:00:00Z',
          last_seen: '2024-03-01T09:00:00Z',
        },
        { value: true, count: 1, first_seen: null, last_seen: null },
      ],
      sts_keys_hidden: 1,
    });
  });

  it('converts times with a zone to UTC', () => {
    assert.equal(rows[1].first_timestamp, '2024-03-02T12:00:00Z');
  });

  it('shows a user type that is missing as null', () => {
    const [row] = JSON.parse(renderJson(reportRows([{ userIdentity: { arn: ALICE } }])));
    assert.deepEqual(row.user_types, [null]);
    assert.equal(row.first_timestamp, null);
    assert.equal(row.last_timestamp, null);
  });

  it('has a null description with --hide-descriptions', () => {
    const [row] = JSON.parse(
      renderJson(
        reportRows(events, {
          abused: { ListUsers: 'Enumerates identities' },
          hideDescriptions: true,
        }),
      ),
    );
    assert.equal(row.abused_apis_failed[0].description, null);
  });

  it('lists temporary keys, and hides none, with --include-sts-keys', () => {
    const [row] = JSON.parse(renderJson(reportRows(events, { includeStsKeys: true })));
    assert.deepEqual(
      row.user_access_key_ids.map((entry: { value: unknown }) => entry.value),
      ['ASIAEXAMPLETEMP00001', null],
    );
    assert.equal(row.sts_keys_hidden, 0);
  });

  it('is [] when there is no identity', () => {
    assert.deepEqual(JSON.parse(renderJson([])), []);
  });
});

describe('the JSON-lines report', () => {
  it('has one compact object per line, the same objects in the same order as JSON', () => {
    const report = reportRows(events);
    const text = renderJsonLines(report);
    assert.ok(text.endsWith('}\n'));
    const lines = text.slice(0, -1).split('\n');
    assert.equal(lines.length, 2);
    assert.deepEqual(
      lines.map((line) => JSON.parse(line)),
      JSON.parse(renderJson(report)),
    );
  });

  it('keeps a value with a line break on its line', () => {
    const text = renderJsonLines(reportRows([byAlice({ userAgent: 'a\nb\u2028c' })]));
    assert.equal(text.split('\n').length, 2);
    assert.equal(JSON.parse(text).user_agents[0].value, 'a\nb\u2028c');
  });

  it('is empty when there is no identity', () => {
    assert.equal(renderJsonLines([]), '');
  });
});
