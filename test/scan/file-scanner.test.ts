import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createSummary } from '../../src/aggregate/index.js';
import { DEFAULT_DECODE_LIMITS } from '../../src/decode/index.js';
import { scanFile, type ScanOptions } from '../../src/scan/index.js';
import { FileScanner } from '../../src/scan/file-scanner.js';
import { createScanTally } from '../../src/scan/scan-tally.js';
import { makeTempDir, runCli } from '../helpers.js';

const options: ScanOptions = {
  timeWindow: undefined,
  allIdentities: false,
  decodeLimits: DEFAULT_DECODE_LIMITS,
  maxDecompressedBytes: 2 ** 40,
};

/** Events of about 1 KB each, so that a few hundred make several slices of a delivery file. */
function events(count: number, user: string): object[] {
  return Array.from({ length: count }, (_, i) => ({
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${user}` },
    eventTime: `2024-05-01T10:${String(i % 60).padStart(2, '0')}:00Z`,
    eventSource: 'ec2.amazonaws.com',
    eventName: `Describe${i % 9}`,
    awsRegion: 'eu-west-1',
    sourceIPAddress: `198.51.100.${i % 200}`,
    userAgent: 'aws-cli/2.15.0',
    requestParameters: { filter: 'x'.repeat(900) },
  }));
}

const list = (items: object[]) => items.map((item) => JSON.stringify(item)).join(',');

describe('FileScanner counts each event once when a file fails part-way through its slices', () => {
  const temp = makeTempDir();
  after(temp.remove);
  const write = (name: string, text: string | Buffer) => {
    const path = join(temp.path, name);
    writeFileSync(path, text);
    return { path, size: statSync(path).size };
  };
  const files = [
    write('good-1.json.gz', gzipSync(JSON.stringify({ Records: events(150, 'alice') }))),
    // A whole parse keeps the last of two Records keys: only carol's one event counts.
    write(
      'two-records-keys.json',
      `{"Records":[${list(events(150, 'mallory'))}],"Records":[${list(events(1, 'carol'))}]}`,
    ),
    // Damaged at event 120, after the first slices, with its end intact: the 120 before count.
    write(
      'damaged.json',
      `{"Records":[${list(events(150, 'bob')).replace('"198.51.100.120",', '"198.51.100.120" ')}]}`,
    ),
    write('good-2.json', JSON.stringify({ Records: events(40, 'dave') })),
  ];

  async function scanWhole(chosen: typeof files) {
    const summary = createSummary();
    const tally = createScanTally();
    for (const file of chosen) await scanFile(file, summary, tally, options, false);
    return { summary, tally };
  }

  const cases: [string, typeof files][] = [
    ['a second Records key', [files[0]!, files[1]!, files[3]!]],
    ['damage after the first slices', [files[0]!, files[2]!, files[3]!]],
    ['both', files],
  ];
  for (const [name, chosen] of cases) {
    it(`ends with the summary and tally of a scan that never used slices, after ${name}`, async () => {
      const scanner = new FileScanner(options);
      for (const file of chosen) await scanner.scan(file);
      const whole = await scanWhole(chosen);
      assert.deepEqual(scanner.summary, whole.summary);
      assert.deepEqual(scanner.tally, whole.tally);
      assert.ok(!scanner.summary.identities.has('arn:aws:iam::111122223333:user/mallory'));
    });
  }

  it('gives the same report on one thread and on two', async () => {
    const run = (threads: string) =>
      runCli(['aws-ct-summary', '-d', temp.path, '--threads', threads, '-t', 'jsonl', '-q']);
    const [one, two] = await Promise.all([run('1'), run('2')]);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(two.status, 0, two.stderr);
    assert.equal(one.stdout, two.stdout);
    const counts = one.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { user_arn: string; num_of_events: number })
      .map((row) => [row.user_arn.split('/')[1], row.num_of_events]);
    assert.deepEqual(Object.fromEntries(counts), { alice: 150, carol: 1, dave: 40, bob: 120 });
  });
});
