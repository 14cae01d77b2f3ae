import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parseCsv } from '../render/report.js';
import { makeTempDir, repoRoot, runCli } from '../helpers.js';

const HEADER =
  'UserARN,NumOfEvents,FirstTimestamp,LastTimestamp,AbusedAPIs-Success,AbusedAPIs-Failed,' +
  'OtherAPIs-Success,OtherAPIs-Failed,AWS-Regions,SrcIPs,UserTypes,UserAccessKeyIDs,UserAgents\n';
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const events = [
  {
    eventTime: '2024-03-01T09:00:00Z',
    userIdentity: { type: 'IAMUser', arn: ALICE },
    eventName: 'ListUsers',
    eventSource: 'iam.amazonaws.com',
    errorCode: 'AccessDenied',
    sourceIPAddress: '203.0.113.10',
  },
  {
    eventTime: '2024-03-01T10:00:00Z',
    userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
    eventName: 'AssumeRole',
  },
];
const VERSION = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

describe('the aws-ct-summary command', { concurrency: true }, () => {
  const temp = makeTempDir();
  after(temp.remove);
  const file = (name: string, content: string | Buffer) => {
    const path = join(temp.path, name);
    writeFileSync(path, content);
    return path;
  };
  const text = JSON.stringify({ Records: events });
  const input = file('two-events.json', text);
  const run = (...args: string[]) => runCli(['aws-ct-summary', '-q', ...args]);

  it('writes results to stdout and diagnostics to stderr', async () => {
    const result = await runCli(['aws-ct-summary', '-f', input, '-t', 'jsonl']);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(
      result.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).user_arn),
      [ALICE],
    );
    assert.match(
      result.stderr,
      /^\[\+\] trailscope .*: per-identity summary of AWS CloudTrail logs$/m,
    );
    assert.match(result.stderr, /^\[\+\] Events: 2 read, 1 summarised into 1 identity$/m);
  });

  for (const type of ['csv', 'json', 'jsonl'] as const) {
    it(`prints -t ${type} on stdout`, async () => {
      const result = await run('-f', input, '-t', type);
      assert.equal(result.status, 0, result.stderr);
      const arns =
        type === 'csv'
          ? parseCsv(result.stdout).map((row) => row.UserARN)
          : type === 'json'
            ? JSON.parse(result.stdout).map((row: { user_arn: string }) => row.user_arn)
            : result.stdout
                .trimEnd()
                .split('\n')
                .map((line) => JSON.parse(line).user_arn);
      assert.deepEqual(arns, [ALICE]);
      if (type === 'csv') assert.ok(result.stdout.startsWith(HEADER));
    });
  }

  it('prints the terminal report when neither -t nor -o is given, within COLUMNS', async () => {
    const result = await runCli(['aws-ct-summary', '-q', '-f', input], { env: { COLUMNS: '60' } });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.startsWith(`1 identity, busiest first\n\n1. ${ALICE}\n`));
    assert.ok(!result.stdout.includes('\u001b'));
    for (const line of result.stdout.split('\n')) assert.ok(line.length <= 60, line);
  });

  const inferred: [string, string[], (out: string) => unknown][] = [
    ['report.json', [], (out) => JSON.parse(out)[0].user_arn],
    ['report.jsonl', [], (out) => JSON.parse(out.split('\n')[0]!).user_arn],
    ['report.CSV', [], (out) => parseCsv(out)[0]!.UserARN],
    ['report.txt', [], (out) => parseCsv(out)[0]!.UserARN],
    ['forced.json', ['-t', 'csv'], (out) => parseCsv(out)[0]!.UserARN],
  ];
  for (const [name, flags, arnOf] of inferred) {
    it(`writes -o ${name}${flags.length ? ` ${flags.join(' ')}` : ''} in the matching format`, async () => {
      const out = join(temp.path, name);
      const result = await run('-f', input, '-o', out, ...flags);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '');
      assert.equal(arnOf(readFileSync(out, 'utf8')), ALICE);
    });
  }

  it('overwrites an existing -o file with -C', async () => {
    const out = file('old.csv', 'old report\n');
    const result = await run('-f', input, '-o', out, '-C');
    assert.equal(result.status, 0, result.stderr);
    const csv = readFileSync(out, 'utf8');
    assert.ok(csv.startsWith(HEADER), csv);
    assert.equal(parseCsv(csv)[0]!.UserARN, ALICE);
  });

  for (const [title, bytes] of [
    ['plain', Buffer.from(text)],
    ['gzip', gzipSync(text)],
  ] as const) {
    it(`reads ${title} standard input with -f -`, async () => {
      const result = await runCli(['aws-ct-summary', '-f', '-', '-t', 'csv'], { stdin: bytes });
      assert.equal(result.status, 0, result.stderr);
      const [row] = parseCsv(result.stdout);
      assert.equal(row!.UserARN, ALICE);
      assert.equal(row!['AbusedAPIs-Failed'].split('\n')[0], 'Unique APIs: 1 | Total APIs 1');
      assert.match(result.stderr, /^\[\+\] Input: standard input$/m);
    });
  }

  const emptyFolder = join(temp.path, 'empty-folder');
  mkdirSync(emptyFolder);
  const notJson = file('not-json.json', '{eventName: "ListUsers"}\n');
  const withoutArn = file('without-arn.json', JSON.stringify([events[1]]));
  // Each way of ending up empty is paired with one format, so every format and every reason
  // is seen once without running the whole matrix.
  const empties: [string, string[], string, string, string][] = [
    [
      'no input files',
      ['-d', emptyFolder],
      'No CloudTrail files (.json, .jsonl, .gz) were found: the report is empty.',
      'csv',
      HEADER,
    ],
    [
      'nothing readable',
      ['-f', notJson],
      'No events could be read from the input: the report is empty.',
      'json',
      '[]\n',
    ],
    [
      'all filtered out',
      ['-f', input, '--timeline-start', '2025-01-01'],
      'Every event was filtered out: the report is empty.',
      'jsonl',
      '',
    ],
    [
      'no ARN',
      ['-f', withoutArn],
      'Every event lacked an ARN: the report is empty (add --all-identities to include them).',
      'csv',
      HEADER,
    ],
  ];
  for (const [why, args, message, type, expected] of empties) {
    it(`still writes the ${type} report when ${why}, and says why`, async () => {
      const out = join(temp.path, `empty-${why.replaceAll(' ', '-')}.${type}`);
      const result = await run(...args, '-o', out);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(readFileSync(out, 'utf8'), expected);
      assert.match(
        result.stderr,
        new RegExp(`^\\[!\\] ${message.replace(/[.()]/g, '\\$&')}$`, 'm'),
      );
    });
  }

  it('drops the banner with -q but keeps the tally', async () => {
    const result = await run('-f', input, '-t', 'csv');
    assert.doesNotMatch(result.stderr, /trailscope .*per-identity summary|Input:|Abused-API list:/);
    assert.match(result.stderr, /^\[\+\] Files: 1 scanned \(\d+ B\)$/m);
    assert.match(result.stderr, /^\[\+\] Events: 2 read, 1 summarised into 1 identity$/m);
    assert.match(
      result.stderr,
      /^\[!\] 1 event without an ARN \(AWSService: 1\) left out; add --all-identities to summarise them$/m,
    );
  });

  const manyBadLines = file(
    'many-bad-lines.jsonl',
    [JSON.stringify(events[0]), ...Array.from({ length: 25 }, (_, i) => `broken line ${i}`)].join(
      '\n',
    ),
  );
  it('lists the first 20 problems and counts the rest', async () => {
    const result = await run('-f', manyBadLines, '-t', 'csv');
    const listed = result.stderr
      .split('\n')
      .filter((line) => line.includes('many-bad-lines.jsonl:'));
    assert.equal(listed.length, 20);
    assert.equal(listed[0]!.trim(), `${manyBadLines}:2: not valid JSON`);
    assert.match(result.stderr, /^\[!\] Problems with the input \(25\):$/m);
    assert.match(result.stderr, /^ {4}… and 5 more \(use --verbose to list them all\)$/m);
    assert.match(
      result.stderr,
      /^\[!\] Damaged input \(good parts were read\): 25 malformed lines$/m,
    );
  });

  it('lists every problem with -v', async () => {
    const result = await run('-f', manyBadLines, '-t', 'csv', '-v');
    const listed = result.stderr
      .split('\n')
      .filter((line) => line.includes('many-bad-lines.jsonl:'));
    assert.deepEqual(
      listed.map((line) => line.trim()),
      Array.from({ length: 25 }, (_, i) => `${manyBadLines}:${i + 2}: not valid JSON`),
    );
    assert.doesNotMatch(result.stderr, /more \(use --verbose/);
  });
});

describe('help and version', { concurrency: true }, () => {
  it('--help shows the option groups and the examples', async () => {
    const result = await runCli(['aws-ct-summary', '--help']);
    assert.equal(result.status, 0);
    for (const heading of ['Input:', 'Filtering:', 'Output:', 'Display:', 'Examples:']) {
      assert.match(result.stdout, new RegExp(`^${heading}$`, 'm'));
    }
    const inputGroup = result.stdout.slice(
      result.stdout.indexOf('Input:'),
      result.stdout.indexOf('Filtering:'),
    );
    assert.match(inputGroup, /-d, --directory <DIR>/);
    assert.match(inputGroup, /-f, --file <FILE>/);
    assert.match(result.stdout, /^ {2}\$ trailscope aws-ct-summary -d \.\/AWSLogs$/m);
    assert.equal(result.stderr, '');
  });

  for (const flag of ['--version', '-V']) {
    it(`${flag} prints the version`, async () => {
      const result = await runCli([flag]);
      assert.equal(result.status, 0);
      assert.equal(result.stdout, `${VERSION}\n`);
    });
  }
});
