import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir, runCli } from '../helpers.js';
import { isolatedEnv } from '../list-server.js';

describe('update-rules usage', () => {
  const temp = makeTempDir();
  after(temp.remove);
  const run = (args: string[]) =>
    runCli(['update-rules', ...args], { env: isolatedEnv(join(temp.path, 'home')) });

  const usageErrors = [
    {
      title: 'refuses a timeout that is not a number of seconds',
      args: ['--timeout', 'soon'],
      line: '[x] --timeout "soon": not a number of seconds between 0 and 3600. Give the longest wait in seconds, e.g. --timeout 60.',
    },
    {
      title: 'refuses a zero timeout',
      args: ['--timeout', '0'],
      line: '[x] --timeout "0": not a number of seconds between 0 and 3600. Give the longest wait in seconds, e.g. --timeout 60.',
    },
    {
      title: 'refuses a URL scheme it cannot download from',
      args: ['--url', 'ftp://mirror.example/list.csv'],
      line: '[x] --url "ftp://mirror.example/list.csv": ftp: URLs are not supported. Use https://, http:// or file://, e.g. file:///srv/mirror/abused_aws_api_calls.csv',
    },
  ];
  for (const { title, args, line } of usageErrors) {
    it(`${title}, with the usage status 2 and before any download`, async () => {
      const result = await run(args);
      assert.equal(result.status, 2);
      assert.equal(result.stderr, `${line}\n`);
    });
  }

  it('points an unknown option at the help of update-rules', async () => {
    const result = await run(['--bogus']);
    assert.equal(result.status, 2);
    assert.equal(
      result.stderr,
      "error: unknown option '--bogus'\nRun 'trailscope update-rules --help' for the options, " +
        'e.g. trailscope update-rules --url https://mirror.example/abused_aws_api_calls.csv\n',
    );
  });

  it('shows the public URL and the folder TRAILSCOPE_HOME selects in its help', async () => {
    const result = await run(['--help']);
    assert.equal(result.status, 0);
    assert.ok(
      result.stdout.includes(
        'The public list: https://raw.githubusercontent.com/Yamato-Security/suzaku-rules/main/config/abused_aws_api_calls.csv\n',
      ),
    );
    assert.ok(
      result.stdout.includes(
        `Saved to: ${join(temp.path, 'home', 'abused_aws_api_calls.csv')} (set TRAILSCOPE_HOME`,
      ),
      result.stdout,
    );
  });
});
