import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCsv, renderJson, renderTerminalReport } from '../../src/render/index.js';
import { ALICE, csvCells, reportRows } from './report.js';

describe('control and bidirectional characters in log values', () => {
  const cases: [string, string, string][] = [
    ['ESC', '\u001b', '\\u001b'],
    ['NUL', '\u0000', '\\u0000'],
    ['tab', '\t', '\\u0009'],
    ['CR', '\r', '\\u000d'],
    ['LF', '\n', '\\u000a'],
    ['unit separator', '\u001f', '\\u001f'],
    ['DEL', '\u007f', '\\u007f'],
    ['C1 next line', '\u0085', '\\u0085'],
    ['C1 application program command', '\u009f', '\\u009f'],
    ['left-to-right embedding', '\u202a', '\\u202a'],
    ['right-to-left override', '\u202e', '\\u202e'],
    ['left-to-right isolate', '\u2066', '\\u2066'],
    ['pop directional isolate', '\u2069', '\\u2069'],
  ];
  for (const [name, character, escaped] of cases) {
    it(`show ${name} as ${escaped} in the CSV`, () => {
      const [cells] = csvCells([
        { userIdentity: { arn: `arn:aws:iam::111122223333:user/a${character}b` } },
      ]);
      assert.equal(cells!.UserARN, `arn:aws:iam::111122223333:user/a${escaped}b`);
    });
  }

  const kept: [string, string][] = [
    ['no-break space', '\u00a0'],
    ['zero-width space', '\u200b'],
    ['narrow no-break space', '\u202f'],
    ['an accented letter', 'é'],
    ['an emoji', '😀'],
  ];
  for (const [name, character] of kept) {
    it(`keep ${name} as it is`, () => {
      const arn = `arn:aws:iam::111122223333:user/a${character}b`;
      assert.equal(csvCells([{ userIdentity: { arn } }])[0]!.UserARN, arn);
    });
  }

  const everyField = {
    userIdentity: { type: 'IAM\u001bUser', arn: `${ALICE}\u001b[2J`, accessKeyId: 'AKIA\u001bKEY' },
    eventTime: '2024-03-01T09:00:00Z',
    eventName: 'List\u001bUsers',
    eventSource: 'iam\u001b.amazonaws.com',
    awsRegion: 'us-east-1\u001b',
    sourceIPAddress: '192.0.2.1\u001b',
    userAgent: 'agent\u001b]0;title\u0007',
  };

  it('escape every column of the CSV, the abused-API description included', () => {
    const csv = renderCsv(
      reportRows([everyField], { abused: { 'List\u001bUsers': 'Danger\u001bous' } }),
    );
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f]/.test(csv), JSON.stringify(csv));
    for (const escaped of [
      `${ALICE}\\u001b[2J`,
      'IAM\\u001bUser',
      'AKIA\\u001bKEY',
      'List\\u001bUsers (iam\\u001b.amazonaws.com) - Danger\\u001bous',
      'us-east-1\\u001b',
      '192.0.2.1\\u001b',
      'agent\\u001b]0;title\\u0007',
    ]) {
      assert.ok(csv.includes(escaped), escaped);
    }
  });

  it('escape every value in the terminal report', () => {
    const text = renderTerminalReport(
      reportRows([everyField], { abused: { 'List\u001bUsers': 'Danger\u001bous' } }),
      {
        color: false,
        columns: 200,
      },
    );
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f]/.test(text), JSON.stringify(text));
    assert.ok(text.includes(`${ALICE}\\u001b[2J`));
    assert.ok(text.includes('agent\\u001b]0;title\\u0007'));
  });

  it('keep the original characters in JSON', () => {
    const [row] = JSON.parse(renderJson(reportRows([everyField])));
    assert.equal(row.user_arn, `${ALICE}\u001b[2J`);
    assert.equal(row.user_agents[0].value, 'agent\u001b]0;title\u0007');
  });

  it('group by the original value, even when two values show the same', () => {
    const cells = csvCells([
      { userIdentity: { arn: 'user\tname' } },
      { userIdentity: { arn: 'user\\u0009name' } },
      { userIdentity: { arn: 'user\\u0009name' } },
    ]);
    assert.deepEqual(
      cells.map((row) => [row.UserARN, row.NumOfEvents]),
      [
        ['user\\u0009name', '2'],
        ['user\\u0009name', '1'],
      ],
    );
  });
});

describe('lone UTF-16 surrogates', () => {
  const lone = ['arn:aws:iam::111122223333:user/\ud800x', 'arn:aws:iam::111122223333:user/x\udc00'];

  it('show as U+FFFD in the CSV', () => {
    const cells = csvCells(lone.map((arn) => ({ userIdentity: { arn }, userAgent: arn })));
    assert.deepEqual(
      cells.map((row) => row.UserARN),
      ['arn:aws:iam::111122223333:user/x\ufffd', 'arn:aws:iam::111122223333:user/\ufffdx'],
    );
    assert.ok(cells[0]!.UserAgents.includes('1 - arn:aws:iam::111122223333:user/x\ufffd (- ~ -)'));
  });

  it('show as U+FFFD in the terminal report', () => {
    const text = renderTerminalReport(reportRows([{ userIdentity: { arn: lone[0] } }]), {
      color: false,
      columns: 100,
    });
    assert.ok(text.includes('user/\ufffdx'));
    assert.ok(text.isWellFormed());
  });

  it('keep the original value in JSON', () => {
    const rows = JSON.parse(renderJson(reportRows(lone.map((arn) => ({ userIdentity: { arn } })))));
    assert.deepEqual(
      rows.map((row: { user_arn: string }) => row.user_arn),
      [lone[1], lone[0]],
    );
  });
});
