import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parseAbusedList } from '../../src/enrich/index.js';
import { fixturePath, makeTempDir, runCli } from '../helpers.js';
import {
  isolatedEnv,
  readListFixture,
  serve,
  startListServer,
  type LocalServer,
} from '../list-server.js';

const v1 = readListFixture('list-v1.csv');
const v2 = readListFixture('list-v2.csv');
const input = fixturePath('worked-example', 'seven-records.json');
const realData = process.env.TRAILSCOPE_REAL_DATA;

describe('update-rules', () => {
  const temp = makeTempDir();
  let server: LocalServer;
  let homes = 0;
  const freshHome = () => join(temp.path, `home-${++homes}`);
  const listIn = (home: string) => join(home, 'abused_aws_api_calls.csv');
  const update = (home: string, url: string | undefined, env: NodeJS.ProcessEnv = {}) =>
    runCli(['update-rules', ...(url === undefined ? [] : ['--url', url])], {
      env: isolatedEnv(home, env),
    });
  const summarise = (home: string) =>
    runCli(['aws-ct-summary', '-f', input, '-t', 'csv'], { env: isolatedEnv(home) });

  before(async () => {
    server = await startListServer({
      '/v1.csv': serve(v1),
      '/v2.csv': serve(v2),
      '/v2-crlf.csv': serve(Buffer.from(v2.toString('utf8').replaceAll('\n', '\r\n'))),
      ...(realData
        ? {
            '/real.csv': serve(
              readFileSync(join(realData, 'suzaku-rules', 'abused_aws_api_calls.csv')),
            ),
          }
        : {}),
    });
  });
  after(async () => {
    await server.close();
    temp.remove();
  });

  it('saves a first list into TRAILSCOPE_HOME and compares it with the bundled list', async () => {
    const home = freshHome();
    const result = await update(home, server.url('/v1.csv'));

    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(readFileSync(listIn(home)), v1);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], `Saved 4 entries from ${server.url('/v1.csv')} to ${listIn(home)}.`);
    assert.match(lines[1] ?? '', /^Changes from the bundled list \(\d+ entries\) used until now:$/);
    assert.equal(
      result.stderr,
      `[+] Downloading the abused-API list from ${server.url('/v1.csv')} (set by --url)\n` +
        '[!] The URL uses plain http://: anyone on the path can change the list. ' +
        'Prefer https:// or file://.\n',
    );
  });

  it('reports the added, removed and changed entries of a new version', async () => {
    const home = freshHome();
    assert.equal((await update(home, server.url('/v1.csv'))).status, 0);

    const result = await update(home, server.url('/v2.csv'));

    assert.equal(result.status, 0, result.stderr);
    assert.equal(
      result.stdout,
      `Saved 4 entries from ${server.url('/v2.csv')} to ${listIn(home)}.\n` +
        'Changes from the previous synced copy (4 entries):\n' +
        '  Added (1): DeleteTrail\n' +
        '  Removed (1): StopLogging\n' +
        '  Description changed (1): RunInstances\n',
    );
    assert.deepEqual(readFileSync(listIn(home)), v2);

    const summary = await summarise(home);
    assert.equal(summary.status, 0, summary.stderr);
    assert.ok(
      summary.stderr.includes(`[+] Abused-API list: synced (${listIn(home)}, 4 entries)\n`),
      summary.stderr,
    );
    assert.ok(
      summary.stdout.includes(
        '2 - RunInstances (ec2.amazonaws.com) - Spin up EC2 instances (fixture v2, e.g. crypto mining) ' +
          '(2024-03-01 09:00:00 ~ 2024-03-01 10:00:00)',
      ),
      summary.stdout,
    );
  });

  it('says so and writes nothing when the list has not changed', async () => {
    const home = freshHome();
    assert.equal((await update(home, server.url('/v2.csv'))).status, 0);
    const saved = statSync(listIn(home));

    const result = await update(home, server.url('/v2.csv'));

    assert.equal(result.status, 0, result.stderr);
    // The same inode and time: the file was not even rewritten.
    const now = statSync(listIn(home));
    assert.deepEqual([now.ino, now.mtimeMs], [saved.ino, saved.mtimeMs]);
    assert.equal(
      result.stdout,
      `The synced copy ${listIn(home)} is already current (4 entries from ${server.url('/v2.csv')}): nothing changed.\n`,
    );
  });

  it('stores a reformatted file but reports that no entry changed', async () => {
    const home = freshHome();
    assert.equal((await update(home, server.url('/v2.csv'))).status, 0);

    const result = await update(home, server.url('/v2-crlf.csv'));

    assert.equal(result.status, 0, result.stderr);
    assert.equal(
      result.stdout,
      `Saved 4 entries from ${server.url('/v2-crlf.csv')} to ${listIn(home)}.\n` +
        'No event names or descriptions changed from the previous synced copy (4 entries).\n',
    );
    assert.match(readFileSync(listIn(home), 'utf8'), /\r\n/);
  });

  it('replaces an unusable synced copy and compares with the bundled list instead', async () => {
    const home = freshHome();
    mkdirSync(home);
    writeFileSync(listIn(home), '<html>captive portal</html>\n');

    const result = await update(home, server.url('/v1.csv'));

    assert.equal(result.status, 0, result.stderr);
    assert.ok(
      result.stderr.includes(
        `[!] The synced copy ${listIn(home)} is not usable (the first line must be the header ` +
          '"EventName,Description"); a good download replaces it, and changes are shown against ' +
          'the bundled list.\n',
      ),
      result.stderr,
    );
    assert.match(
      result.stdout,
      /\nChanges from the bundled list \(\d+ entries\) used until now:\n/,
    );
    assert.deepEqual(readFileSync(listIn(home)), v1);
  });

  it('downloads from TRAILSCOPE_RULES_URL when --url is not given', async () => {
    const home = freshHome();
    const result = await update(home, undefined, { TRAILSCOPE_RULES_URL: server.url('/v1.csv') });

    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stderr.includes('(set by TRAILSCOPE_RULES_URL)'), result.stderr);
    assert.deepEqual(readFileSync(listIn(home)), v1);
  });

  it('prefers --url over TRAILSCOPE_RULES_URL', async () => {
    const home = freshHome();
    const result = await update(home, server.url('/v2.csv'), {
      TRAILSCOPE_RULES_URL: server.url('/v1.csv'),
    });

    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(readFileSync(listIn(home)), v2);
  });

  it('reads a file:// URL, for sites without Internet access', async () => {
    const home = freshHome();
    const url = pathToFileURL(fixturePath('update-rules', 'list-v2.csv')).href;
    const result = await update(home, url);

    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.split('\n')[0], `Saved 4 entries from ${url} to ${listIn(home)}.`);
    assert.deepEqual(readFileSync(listIn(home)), v2);
    assert.doesNotMatch(result.stderr, /plain http/);
  });

  it(
    'keeps the real upstream list byte for byte and loads every entry of it',
    { skip: realData ? false : 'set TRAILSCOPE_REAL_DATA to the shared data folder to run it' },
    async () => {
      const home = freshHome();
      const original = readFileSync(
        join(realData ?? '', 'suzaku-rules', 'abused_aws_api_calls.csv'),
      );
      const expected = parseAbusedList(original.toString('utf8'));

      const result = await update(home, server.url('/real.csv'));

      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(readFileSync(listIn(home)), original);
      assert.deepEqual(parseAbusedList(readFileSync(listIn(home), 'utf8')), expected);
      const summary = await summarise(home);
      assert.ok(
        summary.stderr.includes(
          `[+] Abused-API list: synced (${listIn(home)}, ${expected.size} entries)\n`,
        ),
        summary.stderr,
      );
    },
  );
});
