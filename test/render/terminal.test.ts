import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import stringWidth from 'string-width';
import { renderTerminalReport } from '../../src/render/index.js';
import { ALICE, byAlice, reportRows } from './report.js';

const ANSI = /\u001b\[[0-9;]*m/g;
const KALI_AGENT =
  'aws-cli/2.13.0 Python/3.11.4 Linux/6.3.0-kali1-amd64 exe/x86_64.kali.2023 prompt/off';

/** Twelve APIs, regions, IPs and agents with long, wide and combined characters. */
const crowded = Array.from({ length: 12 }, (_, i) =>
  byAlice({
    userIdentity: {
      type: 'IAMUser',
      arn: `${ALICE}-${'長い名前の利用者'.repeat(6)}${'😀'.repeat(10)}`,
      accessKeyId: `AKIAEXAMPLE${String(i).padStart(9, '0')}`,
    },
    eventTime: `2024-03-01T09:00:${String(i).padStart(2, '0')}Z`,
    eventName: `Describe${'漢字'.repeat(i * 3)}Things${i}`,
    eventSource: 'ec2.amazonaws.com',
    errorCode: i % 3 === 0 ? 'AccessDenied' : undefined,
    awsRegion: `region-${'x'.repeat(i * 12)}-${i}`,
    sourceIPAddress: `203.0.113.${i}`,
    userAgent: `${i === 5 ? KALI_AGENT : 'Boto3/1.34.0'} ${'👩‍👩‍👧'.repeat(i)}${'y'.repeat(i * 10)}`,
  }),
);

describe('the terminal report', () => {
  for (const columns of [20, 40, 80, 200]) {
    for (const color of [false, true]) {
      it(`is never wider than ${columns} columns (colour ${color ? 'on' : 'off'})`, () => {
        const text = renderTerminalReport(
          reportRows(crowded, { abused: { Describe漢字漢字漢字Things1: '説明'.repeat(40) } }),
          {
            color,
            columns,
          },
        );
        for (const line of text.split('\n')) {
          const width = stringWidth(line.replace(ANSI, ''));
          assert.ok(width <= columns, `${width} > ${columns}: ${JSON.stringify(line)}`);
        }
      });
    }
  }

  it('shows the top entries of each cell and how many more there are', () => {
    const lines = renderTerminalReport(reportRows(crowded), { color: false, columns: 400 }).split(
      '\n',
    );
    const sections = (label: string) => lines.findIndex((line) => line.startsWith(label));
    const other = sections('Other OK');
    assert.equal(lines[other], 'Other OK      Unique APIs: 8 | Total APIs 8');
    assert.equal(
      lines[other + 1],
      `              1  Describe${'漢字'.repeat(33)}Things11 (ec2.amazonaws.com)  (2024-03-01 09:00:11 ~ 2024-03-01 09:00:11)`,
    );
    assert.equal(
      lines[other + 8]?.trim(),
      `1  Describe${'漢字'.repeat(3)}Things1 (ec2.amazonaws.com)  (2024-03-01 09:00:01 ~ 2024-03-01 09:00:01)`,
    );
    assert.equal(lines[other + 9]?.startsWith('Other FAILED'), true);
    const regions = sections('Regions');
    assert.equal(lines[regions], 'Regions       Total regions: 12');
    assert.equal(
      lines[regions + 1],
      `              1  region-${'x'.repeat(132)}-11  (2024-03-01 09:00:11 ~ 2024-03-01 09:00:11)`,
    );
    assert.equal(lines[regions + 5], '              … 8 more');
  });

  it('says that more entries are hidden when an API cell has more than it shows', () => {
    const many = Array.from({ length: 11 }, (_, i) =>
      byAlice({ eventName: `Get${i}`, eventSource: 's3.amazonaws.com' }),
    );
    const text = renderTerminalReport(reportRows(many), { color: false, columns: 100 });
    assert.ok(text.includes('Other OK      Unique APIs: 11 | Total APIs 11\n'));
    assert.ok(text.includes('\n              … 3 more\n'));
  });

  it('has no colour codes when colour is off', () => {
    const text = renderTerminalReport(reportRows(crowded), { color: false, columns: 120 });
    assert.ok(!text.includes('\u001b'));
  });

  it('marks a kali user agent in red when colour is on, and not an ordinary one', () => {
    const text = renderTerminalReport(
      reportRows([
        byAlice({ userAgent: KALI_AGENT, eventTime: '2024-03-01T10:00:00Z' }),
        byAlice({ userAgent: 'Boto3/1.34.0', eventTime: '2024-03-01T09:00:00Z' }),
      ]),
      { color: true, columns: 200 },
    );
    const agentLine = (agent: string) => text.split('\n').find((line) => line.includes(agent))!;
    assert.match(agentLine(KALI_AGENT), /1 {2}\u001b\[31m\u001b\[1maws-cli\/2\.13\.0 .*kali/);
    assert.ok(!agentLine('Boto3/1.34.0').includes('\u001b'));
  });

  it('names the identity and its event count', () => {
    const text = renderTerminalReport(
      reportRows([byAlice({ eventTime: '2024-03-01T09:00:00Z' })]),
      {
        color: false,
        columns: 100,
      },
    );
    assert.deepEqual(text.split('\n').slice(0, 4), [
      '1 identity, busiest first',
      '',
      `1. ${ALICE}`,
      'Events        1  (2024-03-01 09:00:00 ~ 2024-03-01 09:00:00)  IAMUser',
    ]);
  });

  it('says so when there is no identity', () => {
    assert.equal(
      renderTerminalReport([], { color: false, columns: 80 }),
      'No identities to report.\n',
    );
  });
});
