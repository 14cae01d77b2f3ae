import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir, runCli } from '../helpers.js';
import { parseCsv, type CsvColumn } from '../render/report.js';
import {
  candidateFiles,
  expectedIdentities,
  rawEvents,
  type ExpectedIdentity,
} from './raw-events.js';
import { copyReversed, makeScratchDir } from './scratch.js';

const dataRoot = process.env.TRAILSCOPE_REAL_DATA;
const skip = dataRoot ? false : 'TRAILSCOPE_REAL_DATA is not set';
const data = (...parts: string[]) => join(dataRoot ?? '', ...parts);

const temp = makeTempDir();
after(temp.remove);
const scratch = makeScratchDir();
after(scratch.remove);
const abusedList = join(temp.path, 'abused.csv');
writeFileSync(
  abusedList,
  'EventName,Description\nConsoleLogin,Interactive sign-in\nListUsers,Enumerates identities\n',
);

async function summarise(...args: string[]) {
  const result = await runCli([
    'aws-ct-summary',
    '-q',
    '-t',
    'csv',
    '--abused-list',
    abusedList,
    ...args,
  ]);
  assert.equal(result.status, 0, result.stderr);
  return { ...result, rows: parseCsv(result.stdout) };
}

const count = (n: number) => n.toLocaleString('en-US');
const time = (ms: number | undefined) =>
  ms === undefined ? '' : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const apiTotal = (cell: string) =>
  Number(/Total APIs ([\d,]+)/.exec(cell)?.[1]?.replaceAll(',', '') ?? 0);

/** Checks every row against the independent reading, and that no identity is missing. */
function assertRowsMatch(
  rows: Record<CsvColumn, string>[],
  expected: Map<string, ExpectedIdentity>,
) {
  assert.deepEqual(rows.map((row) => row.UserARN).sort(), [...expected.keys()].sort());
  for (const row of rows) {
    const want = expected.get(row.UserARN)!;
    const failed = apiTotal(row['AbusedAPIs-Failed']) + apiTotal(row['OtherAPIs-Failed']);
    const succeeded = apiTotal(row['AbusedAPIs-Success']) + apiTotal(row['OtherAPIs-Success']);
    assert.deepEqual(
      {
        events: row.NumOfEvents,
        failed,
        succeeded,
        first: row.FirstTimestamp,
        last: row.LastTimestamp,
        regions: row['AWS-Regions'].split('\n')[0],
        types: row.UserTypes,
      },
      {
        events: count(want.events),
        failed: want.failed,
        succeeded: want.events - want.failed,
        first: time(want.first),
        last: time(want.last),
        regions: `Total regions: ${count(want.regions.size)}`,
        types: [...want.types]
          .map((type) => String(type ?? '-'))
          .sort()
          .join('\n'),
      },
      row.UserARN,
    );
  }
}

const rowOf = (rows: Record<CsvColumn, string>[], arn: string) => {
  const row = rows.find((candidate) => candidate.UserARN === arn);
  assert.ok(row, `no row for ${arn}`);
  return row;
};

describe('suzaku-sample-data', { concurrency: true }, () => {
  const folder = data('suzaku-sample-data');
  let once: ReturnType<typeof summarise> | undefined;
  const summariseOnce = () => (once ??= summarise('-d', folder));

  it('gives the known summary', { skip }, async () => {
    const { rows, stderr } = await summariseOnce();
    assert.equal(rows.length, 35);
    const root = rowOf(rows, 'arn:aws:iam::342082656213:root');
    assert.deepEqual(
      [root.NumOfEvents, root.FirstTimestamp, root.LastTimestamp],
      ['725', '2021-07-29 00:07:51', '2021-07-30 10:37:43'],
    );
    assert.equal(rowOf(rows, 'arn:aws:iam::123837392027:user/bert-jan').NumOfEvents, '2,421');
    assert.match(stderr, /^\[!\] 27,459 events without an ARN \(AWSService: 27,438, /m);
    assert.match(stderr, /CreateApiKey\.json:\d+: not JSON; skipped$/m);
    assert.match(stderr, /^\[\+\] Files: 3,944 scanned \(.*\), 1 skipped \(1 not JSON\)$/m);
  });

  it('matches an independent reading of the raw files, row by row', { skip }, async () => {
    const { rows } = await summariseOnce();
    assertRowsMatch(rows, expectedIdentities(candidateFiles(folder).flatMap(safeRawEvents)));
  });

  it('is byte-identical across runs and whatever the file names and order', { skip }, async () => {
    const renamed = scratch.path;
    const copied = copyReversed(candidateFiles(folder).sort(), renamed);
    const first = await summarise('-d', folder, '--all-identities');
    const second = await summarise('-d', folder, '--all-identities');
    assert.equal(second.stdout, first.stdout);
    await copied;
    const fromCopies = await summarise('-d', renamed, '--all-identities');
    assert.equal(fromCopies.stdout, first.stdout);
    assert.ok(first.rows.length > 35);
  });
});

describe('the other real data sets', { concurrency: true }, () => {
  for (const name of [
    'stratus-red-team-detonation-logs',
    'panther-analysis-tests',
    'aws-docs-examples',
  ]) {
    it(`${name}: every row matches an independent reading`, { skip }, async () => {
      const folder = data(name);
      const { rows } = await summarise('-d', folder);
      assertRowsMatch(rows, expectedIdentities(candidateFiles(folder).flatMap(safeRawEvents)));
      assert.ok(rows.length > 0);
    });
  }

  it(
    'stratus-red-team-detonation-logs: the federated user and the fake regions',
    { skip },
    async () => {
      const { rows } = await summarise('-d', data('stratus-red-team-detonation-logs'));
      const federated = rowOf(rows, 'arn:aws:sts::742491224508:federated-user/stratus_red_team');
      assert.equal(federated.UserTypes, 'FederatedUser');
      assert.match(federated['AWS-Regions'], /^Total regions: 1\n1 - ap-isob-east-1r \(/);
      const christophe = rowOf(rows, 'arn:aws:iam::309303190113:user/christophe');
      assert.match(christophe['AWS-Regions'], /^Total regions: 1\n35 - ca-northsouth-2r \(/);
    },
  );

  it(
    'aws-docs-examples: the lookup-events ConsoleLogin is decoded, the Insights events skipped',
    { skip },
    async () => {
      const { rows, stderr } = await summarise('-d', data('aws-docs-examples'));
      assert.equal(rows.length, 1);
      const session = rowOf(rows, 'arn:aws:sts::123456789012:assumed-role/my-role/my-session-name');
      assert.equal(
        session['AbusedAPIs-Success'],
        'Unique APIs: 1 | Total APIs 1\n' +
          '1 - ConsoleLogin (signin.amazonaws.com) - Interactive sign-in (2016-01-26 21:42:12 ~ 2016-01-26 21:42:12)',
      );
      assert.match(stderr, /^\[\+\] Records that are not events, skipped: 2 Insights$/m);
    },
  );

  const elastic = (file: string) => data('elastic-integrations-cloudtrail-pipeline', file);
  for (const file of [
    'test-console-login-json.log',
    'test-assume-role-aws-service-json.log',
    'test-assume-role-email-session-json.log',
    'test-copy-object-json-minimal.log',
    'test-cloudtrail-digest-json.log',
  ]) {
    it(`elastic ${file}: every row matches an independent reading`, { skip }, async () => {
      const { rows } = await summarise('-f', elastic(file));
      assertRowsMatch(rows, expectedIdentities(rawEvents(elastic(file))));
    });
  }

  it(
    'elastic: a failed ConsoleLogin with only an errorMessage counts as failed',
    { skip },
    async () => {
      const { rows } = await summarise('-f', elastic('test-console-login-json.log'));
      const jane = rowOf(rows, 'arn:aws:iam::111122223333:user/JaneDoe');
      assert.equal(
        jane['AbusedAPIs-Failed'],
        'Unique APIs: 1 | Total APIs 1\n' +
          '1 - ConsoleLogin (signin.amazonaws.com) - Interactive sign-in (2014-07-08 17:35:27 ~ 2014-07-08 17:35:27)',
      );
      assert.equal(jane['AbusedAPIs-Success'], 'Unique APIs: 0');
      assert.equal(
        rowOf(rows, 'arn:aws:iam::111122223333:user/JohnDoe')['AbusedAPIs-Failed'],
        'Unique APIs: 0',
      );
    },
  );

  it('elastic: the digest record is skipped, not counted as an event', { skip }, async () => {
    const { rows, stderr } = await summarise('-f', elastic('test-cloudtrail-digest-json.log'));
    assert.equal(rows.length, 0);
    assert.match(stderr, /^\[\+\] Events: 0 read, 0 summarised into 0 identities$/m);
    assert.match(stderr, /^\[\+\] Records that are not events, skipped: 1 digest$/m);
  });

  it('elastic: the AWSService identity with only invokedBy', { skip }, async () => {
    const file = elastic('test-assume-role-aws-service-json.log');
    const { stderr } = await summarise('-f', file);
    assert.match(stderr, /^\[!\] 1 event without an ARN \(AWSService: 1\) left out/m);
    const { rows } = await summarise('-f', file, '--all-identities');
    assert.deepEqual(
      rows.map((row) => [row.UserARN, row.NumOfEvents, row.FirstTimestamp]),
      [['AWSService:ec2.amazonaws.com', '1', '2024-10-08 10:15:32']],
    );
  });

  it(
    'elastic-integrations-cloudtrail-pipeline as a folder: only the .json excerpt is a candidate',
    { skip },
    async () => {
      const { rows, stderr } = await summarise(
        '-d',
        data('elastic-integrations-cloudtrail-pipeline'),
      );
      assert.equal(rows.length, 0);
      assert.match(stderr, /^\[\+\] Files: 1 scanned/m);
    },
  );
});

describe('the worked example of the spec', { concurrency: true }, () => {
  const example = (file: string) => data('..', 'docs', 'worked-example', file);
  const cases: [string, string[]][] = [
    ['expected.csv', []],
    ['expected-include-sts-keys.csv', ['-s']],
    ['expected-all-identities.csv', ['--all-identities']],
  ];
  for (const [file, flags] of cases) {
    const present = !skip && existsSync(example(file)) && existsSync(example('ex.json'));
    it(
      `gives ${file} byte for byte`,
      { skip: skip || (!present && `${file} is not present`) },
      async () => {
        const out = join(temp.path, `worked-${file}`);
        const result = await runCli([
          'aws-ct-summary',
          '-q',
          '-f',
          example('ex.json'),
          '--abused-list',
          example('abused.csv'),
          ...flags,
          '-o',
          out,
        ]);
        assert.equal(result.status, 0, result.stderr);
        assert.equal(readFileSync(out, 'utf8'), readFileSync(example(file), 'utf8'));
      },
    );
  }
});

/** The events of a file, or none when it is not JSON (the tool reports such files). */
function safeRawEvents(path: string) {
  try {
    return rawEvents(path);
  } catch {
    return [];
  }
}
