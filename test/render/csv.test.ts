import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IdentityReport } from '../../src/model.js';
import { renderCsv } from '../../src/render/index.js';
import { ALICE, byAlice, csvCells, parseCsv, reportRows } from './report.js';

const HEADER =
  'UserARN,NumOfEvents,FirstTimestamp,LastTimestamp,AbusedAPIs-Success,AbusedAPIs-Failed,' +
  'OtherAPIs-Success,OtherAPIs-Failed,AWS-Regions,SrcIPs,UserTypes,UserAccessKeyIDs,UserAgents';
const T9 = '2024-03-01 09:00:00';

describe('the CSV layout', () => {
  it('is the header line alone, ended by LF, when there is no identity', () => {
    assert.equal(renderCsv([]), `${HEADER}\n`);
  });

  it('quotes multi-line cells and cells with commas or quotes, doubling inner quotes', () => {
    const csv = renderCsv(
      reportRows([
        byAlice({
          userIdentity: { type: 'IAMUser', arn: ALICE, accessKeyId: 'AKIAEXAMPLEALICE0001' },
          eventTime: '2024-03-01T09:00:00Z',
          eventName: 'ListBuckets',
          eventSource: 's3.amazonaws.com',
          awsRegion: 'us-east-1',
          sourceIPAddress: '192.0.2.10',
          userAgent: 'aws-cli/2.15.0, "quoted"',
        }),
      ]),
    );
    const span = `(${T9} ~ ${T9})`;
    assert.equal(
      csv,
      `${HEADER}\n` +
        `${ALICE},1,${T9},${T9},Unique APIs: 0,Unique APIs: 0,` +
        `"Unique APIs: 1 | Total APIs 1\n1 - ListBuckets (s3.amazonaws.com) ${span}",Unique APIs: 0,` +
        `"Total regions: 1\n1 - us-east-1 ${span}","Total source IPs: 1\n1 - 192.0.2.10 ${span}",` +
        `IAMUser,"Total access key ids: 1\n1 - AKIAEXAMPLEALICE0001 ${span}",` +
        `"Total user agents: 1\n1 - aws-cli/2.15.0, ""quoted"" ${span}"\n`,
    );
  });

  it('has no byte-order mark and no CR', () => {
    const csv = renderCsv(reportRows([byAlice({ userAgent: 'x\r\ny' })]));
    assert.ok(!csv.startsWith('\ufeff'));
    assert.ok(!csv.includes('\r'));
  });

  it('quotes a single-line cell that holds a comma', () => {
    const csv = renderCsv(
      reportRows([{ userIdentity: { arn: 'arn:aws:iam::111122223333:user/a,b' } }]),
    );
    assert.ok(csv.split('\n')[1]!.startsWith('"arn:aws:iam::111122223333:user/a,b",1,'));
  });
});

describe('the formula guard', () => {
  const arnCases: [string, string][] = [
    ['=HYPERLINK("http://203.0.113.9","x")', `'=HYPERLINK("http://203.0.113.9","x")`],
    ['+1+1', `'+1+1`],
    ['-1+1', `'-1+1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['-', '-'],
    ['arn:aws:iam::111122223333:user/=x', 'arn:aws:iam::111122223333:user/=x'],
    ['\t=1', '\\u0009=1'],
    ['\r=1', '\\u000d=1'],
  ];
  for (const [arn, shown] of arnCases) {
    it(`shows the ARN ${JSON.stringify(arn)} as ${JSON.stringify(shown)}`, () => {
      assert.equal(csvCells([{ userIdentity: { arn } }])[0]!.UserARN, shown);
    });
  }

  it('guards a user type, which starts its cell', () => {
    const cells = csvCells([{ userIdentity: { arn: ALICE, type: '@cmd' } }]);
    assert.equal(cells[0]!.UserTypes, "'@cmd");
  });

  it('leaves the bare - of a missing user type alone', () => {
    assert.equal(csvCells([{ userIdentity: { arn: ALICE } }])[0]!.UserTypes, '-');
  });

  it('never lets a user agent start a cell: the cell starts with its heading', () => {
    const agent = '=cmd|" /C calc"!A0';
    const cells = csvCells([byAlice({ userAgent: agent })]);
    assert.equal(cells[0]!.UserAgents, `Total user agents: 1\n1 - ${agent} (- ~ -)`);
  });
});

describe('cells', () => {
  it('count with comma thousands separators', () => {
    const entry = (count: number, text: string) => ({
      value: text,
      text,
      count,
      first: undefined,
      last: undefined,
    });
    const row: IdentityReport = {
      userArn: ALICE,
      userArnText: ALICE,
      events: 477_373,
      first: undefined,
      last: undefined,
      abusedSucceeded: [],
      abusedFailed: [],
      otherSucceeded: [
        {
          eventName: 'GetObject',
          eventSource: 's3.amazonaws.com',
          nameText: 'GetObject',
          sourceText: 's3.amazonaws.com',
          description: undefined,
          count: 1_234_567,
          first: undefined,
          last: undefined,
        },
        {
          eventName: 'PutObject',
          eventSource: 's3.amazonaws.com',
          nameText: 'PutObject',
          sourceText: 's3.amazonaws.com',
          description: undefined,
          count: 999,
          first: undefined,
          last: undefined,
        },
      ],
      otherFailed: [],
      awsRegions: [entry(1000, 'us-east-1')],
      sourceIPs: Array.from({ length: 1000 }, (_, i) => entry(1, `198.51.100.${i}`)),
      userTypes: [entry(477_373, 'IAMUser')],
      accessKeyIds: [],
      stsKeysHidden: 12_345,
      userAgents: [],
    };
    const [cells] = parseCsv(renderCsv([row]));
    assert.equal(cells!.NumOfEvents, '477,373');
    assert.equal(
      cells!['OtherAPIs-Success'],
      'Unique APIs: 2 | Total APIs 1,235,566\n' +
        '1,234,567 - GetObject (s3.amazonaws.com) (- ~ -)\n999 - PutObject (s3.amazonaws.com) (- ~ -)',
    );
    assert.equal(cells!['AWS-Regions'], 'Total regions: 1\n1,000 - us-east-1 (- ~ -)');
    assert.match(cells!.SrcIPs, /^Total source IPs: 1,000\n/);
    assert.equal(cells!.UserAccessKeyIDs, 'Total access key ids: 0 (+12,345 STS keys hidden)');
  });

  it('show (- ~ -) for entries without a parseable time and leave first/last empty', () => {
    const [cells] = csvCells([
      byAlice({
        eventName: 'ListBuckets',
        eventSource: 's3.amazonaws.com',
        eventTime: '2024-02-30T00:00:00Z',
      }),
    ]);
    assert.equal(cells!.FirstTimestamp, '');
    assert.equal(cells!.LastTimestamp, '');
    assert.equal(
      cells!['OtherAPIs-Success'],
      'Unique APIs: 1 | Total APIs 1\n1 - ListBuckets (s3.amazonaws.com) (- ~ -)',
    );
    assert.equal(cells!['AWS-Regions'], 'Total regions: 1\n1 - - (- ~ -)');
  });

  it('take times only from events whose time parses', () => {
    const call = { eventName: 'ListBuckets', eventSource: 's3.amazonaws.com' };
    const [cells] = csvCells([
      byAlice({ ...call, eventTime: 'never' }),
      byAlice({ ...call, eventTime: '2024-03-01T09:00:00.9Z' }),
    ]);
    assert.equal(cells!.FirstTimestamp, T9);
    assert.equal(
      cells!['OtherAPIs-Success'],
      `Unique APIs: 1 | Total APIs 2\n2 - ListBuckets (s3.amazonaws.com) (${T9} ~ ${T9})`,
    );
  });

  it('show an empty API cell as Unique APIs: 0', () => {
    const [cells] = csvCells([byAlice({ eventName: 'ListBuckets' })]);
    assert.deepEqual(
      [cells!['AbusedAPIs-Success'], cells!['AbusedAPIs-Failed'], cells!['OtherAPIs-Failed']],
      ['Unique APIs: 0', 'Unique APIs: 0', 'Unique APIs: 0'],
    );
  });

  it('show non-string values as compact JSON, numbers in shortest form', () => {
    const cases: [string, string][] = [
      ['1.0', '1'],
      ['1e0', '1'],
      ['1e2', '100'],
      ['1.50', '1.5'],
      ['true', 'true'],
      ['{ "a" : 1 }', '{"a":1}'],
      ['[1, "x", null]', '[1,"x",null]'],
      ['"{\\"a\\":1}"', '{"a":1}'],
    ];
    for (const [jsonText, shown] of cases) {
      const event = JSON.parse(`{"userIdentity":{"arn":"${ALICE}"},"sourceIPAddress":${jsonText}}`);
      assert.equal(
        csvCells([event])[0]!.SrcIPs,
        `Total source IPs: 1\n1 - ${shown} (- ~ -)`,
        jsonText,
      );
    }
  });
});

describe('the access key column', () => {
  const key = (accessKeyId: string, time: string) => ({
    userIdentity: { type: 'IAMUser', arn: ALICE, accessKeyId },
    eventTime: `2024-03-01T${time}Z`,
  });
  const events = [
    key('AKIAEXAMPLEALICE0001', '09:00:00'),
    key('ASIAEXAMPLETEMP00001', '10:00:00'),
    key('ASIAEXAMPLETEMP00001', '10:30:00'),
    key('ASIAEXAMPLETEMP00002', '11:00:00'),
    key('asiaexamplelower0001', '12:00:00'),
  ];
  const line = (count: number, value: string, first: string, last = first) =>
    `${count} - ${value} (2024-03-01 ${first} ~ 2024-03-01 ${last})`;

  it('hides temporary ASIA keys and says how many distinct ones it hid', () => {
    const [cells] = csvCells(events);
    assert.equal(
      cells!.UserAccessKeyIDs,
      [
        'Total access key ids: 2 (+2 STS keys hidden)',
        line(1, 'asiaexamplelower0001', '12:00:00'),
        line(1, 'AKIAEXAMPLEALICE0001', '09:00:00'),
      ].join('\n'),
    );
    assert.equal(cells!.NumOfEvents, '5');
    assert.equal(
      cells!['AWS-Regions'],
      `Total regions: 1\n${line(5, '-', '09:00:00', '12:00:00')}`,
    );
  });

  it('lists them with --include-sts-keys', () => {
    const [cells] = csvCells(events, { includeStsKeys: true });
    assert.equal(
      cells!.UserAccessKeyIDs,
      [
        'Total access key ids: 4',
        line(2, 'ASIAEXAMPLETEMP00001', '10:00:00', '10:30:00'),
        line(1, 'asiaexamplelower0001', '12:00:00'),
        line(1, 'ASIAEXAMPLETEMP00002', '11:00:00'),
        line(1, 'AKIAEXAMPLEALICE0001', '09:00:00'),
      ].join('\n'),
    );
  });
});

describe('abused-API descriptions', () => {
  const events = [
    byAlice({
      eventName: 'ListUsers',
      eventSource: 'iam.amazonaws.com',
      errorCode: 'AccessDenied',
    }),
  ];
  const cases: [string, Record<string, string>, boolean, string][] = [
    [
      'follow an abused API',
      { ListUsers: 'Enumerates identities' },
      false,
      ' - Enumerates identities',
    ],
    ['are left out with --hide-descriptions', { ListUsers: 'Enumerates identities' }, true, ''],
    ['are left out when empty', { ListUsers: '' }, false, ''],
  ];
  for (const [title, abused, hideDescriptions, suffix] of cases) {
    it(title, () => {
      const [cells] = csvCells(events, { abused, hideDescriptions });
      assert.equal(
        cells!['AbusedAPIs-Failed'],
        `Unique APIs: 1 | Total APIs 1\n1 - ListUsers (iam.amazonaws.com)${suffix} (- ~ -)`,
      );
      assert.equal(cells!['OtherAPIs-Failed'], 'Unique APIs: 0');
    });
  }

  it('match the event name exactly, case and all', () => {
    const [cells] = csvCells(events, { abused: { listusers: 'x', 'ListUsers ': 'y' } });
    assert.equal(cells!['AbusedAPIs-Failed'], 'Unique APIs: 0');
    assert.equal(
      cells!['OtherAPIs-Failed'],
      'Unique APIs: 1 | Total APIs 1\n1 - ListUsers (iam.amazonaws.com) (- ~ -)',
    );
  });
});
