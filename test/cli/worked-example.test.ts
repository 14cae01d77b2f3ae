import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fixturePath, makeTempDir, runCli } from '../helpers.js';

const input = fixturePath('worked-example', 'seven-records.json');
const abused = fixturePath('worked-example', 'abused.csv');
const expected = (name: string) => readFileSync(fixturePath('worked-example', name), 'utf8');

describe('the worked example of seven records', () => {
  const temp = makeTempDir();
  after(temp.remove);

  const cases = [
    { title: 'writes the expected CSV with the default options', flags: [], file: 'expected.csv' },
    {
      title: 'lists the STS key with --include-sts-keys',
      flags: ['-s'],
      file: 'expected-include-sts-keys.csv',
    },
    {
      title: 'adds the AWSService row with --all-identities',
      flags: ['--all-identities'],
      file: 'expected-all-identities.csv',
    },
  ];
  for (const { title, flags, file } of cases) {
    it(title, async () => {
      const out = join(temp.path, file);
      const result = await runCli([
        'aws-ct-summary',
        '-q',
        '-f',
        input,
        '--abused-list',
        abused,
        ...flags,
        '-o',
        out,
      ]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(readFileSync(out, 'utf8'), expected(file));
    });
  }

  it('writes the expected JSON report, same values as the CSV', async () => {
    const result = await runCli([
      'aws-ct-summary',
      '-q',
      '-f',
      input,
      '--abused-list',
      abused,
      '-t',
      'json',
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), JSON.parse(expected('expected.json')));
  });

  it('reports the event without an ARN by type in the tally', async () => {
    const result = await runCli([
      'aws-ct-summary',
      '-f',
      input,
      '--abused-list',
      abused,
      '-t',
      'csv',
    ]);
    assert.match(
      result.stderr,
      /1 event without an ARN \(AWSService: 1\) left out; add --all-identities/,
    );
    assert.match(result.stderr, /Events: 7 read, 6 summarised into 2 identities/);
  });

  it('keeps only record 3 for the window 2024-03-02 to 2024-03-02T12:00:00Z', async () => {
    const result = await runCli([
      'aws-ct-summary',
      '-q',
      '-f',
      input,
      '--abused-list',
      abused,
      '--timeline-start',
      '2024-03-02',
      '--timeline-end',
      '2024-03-02T12:00:00Z',
      '-t',
      'jsonl',
    ]);
    assert.equal(result.status, 0, result.stderr);
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(rows.length, 1);
    assert.equal(rows[0].user_arn, 'arn:aws:iam::111122223333:user/alice');
    assert.equal(rows[0].num_of_events, 1);
    assert.deepEqual(
      rows[0].abused_apis_failed.map((api: { event_name: string }) => api.event_name),
      ['ListUsers'],
    );
  });
});
