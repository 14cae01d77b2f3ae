import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir, runCli } from '../helpers.js';

const event = {
  eventTime: '2024-03-01T09:00:00Z',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' },
  eventName: 'ListBuckets',
  eventSource: 's3.amazonaws.com',
};

describe('usage errors', { concurrency: true }, () => {
  const temp = makeTempDir();
  after(temp.remove);
  const input = join(temp.path, 'events.json');
  writeFileSync(input, JSON.stringify({ Records: [event] }));
  const existing = join(temp.path, 'existing.csv');
  writeFileSync(existing, 'keep me\n');
  const badList = join(temp.path, 'bad-list.csv');
  writeFileSync(badList, 'Name,Text\nListBuckets,x\n');
  const folder = join(temp.path, 'logs');
  mkdirSync(folder);

  const cases: { title: string; args: string[]; message: RegExp; todo?: string }[] = [
    {
      title: 'an unknown flag',
      args: ['-f', input, '--bogus-flag'],
      message: /unknown option '--bogus-flag'[\s\S]*e\.g\. trailscope aws-ct-summary -d /,
    },
    {
      title: 'both -d and -f',
      args: ['-d', folder, '-f', input],
      message: new RegExp(
        `^\\[x\\] Give exactly one input, not both -d "${folder}" and -f "${input}", ` +
          'e\\.g\\. trailscope aws-ct-summary -d \\./AWSLogs$',
      ),
    },
    {
      title: 'neither -d nor -f',
      args: ['-q'],
      message:
        /^\[x\] Give exactly one input: -d DIR or -f FILE, e\.g\. trailscope aws-ct-summary -d \.\/AWSLogs$/,
    },
    {
      title: 'a bad date',
      args: ['-f', input, '--timeline-end', '2024-02-30'],
      message:
        /^\[x\] --timeline-end "2024-02-30": not a valid date\. .*e\.g\. --timeline-end 2024-03-01T09:00:00Z/,
    },
    {
      title: 'a bad offset',
      args: ['-f', input, '--time-offset', '2w'],
      message: /^\[x\] --time-offset "2w": not an offset\. .*e\.g\. --time-offset 30d\.$/,
    },
    {
      title: 'an offset with --timeline-start',
      args: ['-f', input, '--time-offset', '30d', '--timeline-start', '2024-03-01'],
      message:
        /^\[x\] --time-offset "30d" and --timeline-start "2024-03-01" both set .*e\.g\. --time-offset 30d/,
    },
    {
      title: 'a bad -t',
      args: ['-f', input, '-t', 'xml'],
      message:
        /argument 'xml' is invalid\. Allowed choices are csv, json, jsonl\.[\s\S]*e\.g\. trailscope aws-ct-summary -d /,
    },
    {
      title: 'an -o file that exists, without -C',
      args: ['-f', input, '-o', existing],
      message: new RegExp(
        `^\\[x\\] Output file ${existing} already exists\\. Re-run with --clobber or pick another -o path\\.$`,
      ),
    },
    {
      title: 'an --abused-list that cannot be read',
      args: ['-f', input, '--abused-list', join(temp.path, 'missing.csv')],
      message:
        /^\[x\] --abused-list ".*missing\.csv": cannot be read \(ENOENT\)\. .*e\.g\. --abused-list \.\/abused\.csv\.$/,
    },
    {
      title: 'an --abused-list without the header',
      args: ['-f', input, '--abused-list', badList],
      message:
        /^\[x\] --abused-list ".*bad-list\.csv": the first line must be the header "EventName,Description"\. Expected a CSV like:\n {2}EventName,Description\n {2}RunInstances,Launches compute$/,
    },
    {
      title: 'a file given to -d',
      args: ['-d', input],
      message: new RegExp(
        `^\\[x\\] -d ${input}: not a directory\\. Use -f for a single file, e\\.g\\. -f ${input}$`,
      ),
    },
  ];

  for (const { title, args, message, todo } of cases) {
    it(`${title}: one message on stderr, exit 2, nothing scanned`, { todo }, async () => {
      const result = await runCli(['aws-ct-summary', ...args]);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr.trimEnd(), message);
      assert.equal(result.stderr.match(/^(\[x\]|error:)/gm)?.length, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /\[\+\]|Files:|Events:/);
      assert.equal(result.stdout, '');
    });
  }

  it('leaves the existing -o file untouched', async () => {
    await runCli(['aws-ct-summary', '-f', input, '-o', existing]);
    assert.equal(readFileSync(existing, 'utf8'), 'keep me\n');
  });
});

describe('runtime failures', { concurrency: true }, () => {
  const temp = makeTempDir();
  after(temp.remove);
  const input = join(temp.path, 'events.json');
  writeFileSync(input, JSON.stringify([event]));

  for (const flag of ['-f', '-d']) {
    it(`exit 1 when the ${flag} path does not exist`, async () => {
      const missing = join(temp.path, 'nowhere');
      const result = await runCli(['aws-ct-summary', flag, missing]);
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        `[x] Input ${missing} does not exist. Check the path given to ${flag}.\n`,
      );
      assert.equal(result.stdout, '');
    });
  }

  it('exit 1, before scanning, when the -o folder does not exist', async () => {
    const out = join(temp.path, 'no-such-folder', 'out.csv');
    const result = await runCli(['aws-ct-summary', '-f', input, '-o', out]);
    assert.equal(result.status, 1);
    assert.equal(
      result.stderr,
      `[x] Cannot write ${out}: the directory ${join(temp.path, 'no-such-folder')} does not exist.\n`,
    );
  });
});
