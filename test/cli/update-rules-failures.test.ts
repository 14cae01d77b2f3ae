import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixturePath, makeTempDir, runCli } from '../helpers.js';
import {
  findClosedPort,
  isolatedEnv,
  readListFixture,
  serve,
  startListServer,
  type LocalServer,
  type Route,
} from '../list-server.js';

const v1 = readListFixture('list-v1.csv');
const v2 = readListFixture('list-v2.csv');
const input = fixturePath('worked-example', 'seven-records.json');
const LIST_FILE = 'abused_aws_api_calls.csv';
const KEPT = 'The previous copy was left as it was.';
const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Proxy login</body></html>\n';

/** Sends the start of the list, claims more, then drops the connection. */
const truncated: Route = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain', 'content-length': v2.length + 500 });
  response.write(v2.subarray(0, 40), () => setTimeout(() => response.socket?.destroy(), 20));
};

/** Accepts the request and never answers: the client's deadline must end it. */
const neverAnswers: Route = () => undefined;

/** Declares a size far beyond any list. */
const hugeDeclared: Route = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain', 'content-length': 64 * 1024 * 1024 });
  response.write('EventName,Description\n');
};

/** Streams without a declared length; bounded, and stops as soon as the client goes away. */
const endless: Route = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  const chunk = Buffer.alloc(64 * 1024, 'A');
  let sent = 0;
  const pump = () => {
    while (sent < 160 && !response.destroyed) {
      sent++;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
    response.end();
  };
  response.on('close', () => (sent = Infinity));
  pump();
};

describe('update-rules when the download fails', () => {
  const temp = makeTempDir();
  let server: LocalServer;
  let closedPort: number;
  let homes = 0;

  /** A config folder that already holds version 1 of the list. */
  const homeWithV1 = () => {
    const home = join(temp.path, `home-${++homes}`);
    mkdirSync(home);
    writeFileSync(join(home, LIST_FILE), v1);
    return home;
  };

  before(async () => {
    server = await startListServer({
      '/html.csv': serve(HTML_PAGE, 200, 'text/html; charset=utf-8'),
      '/missing.csv': serve('Not Found\n', 404),
      '/truncated.csv': truncated,
      '/never.csv': neverAnswers,
      '/huge.csv': hugeDeclared,
      '/endless.csv': endless,
      '/v2.csv': serve(v2),
    });
    closedPort = await findClosedPort();
  });
  after(async () => {
    await server.close();
    temp.remove();
  });

  const cases = [
    {
      title: 'refuses an HTML page served with status 200',
      path: '/html.csv',
      message: (url: string) =>
        `Refused the list downloaded from ${url}: an HTML page arrived instead of the CSV list ` +
        '(an error, login or proxy page). Check that the URL points at the raw CSV file ' +
        `(header EventName,Description), not a web page. ${KEPT}`,
    },
    {
      title: 'reports a 404 and asks to check the URL',
      path: '/missing.csv',
      message: (url: string) =>
        `Cannot download the abused-API list from ${url}: the server answered HTTP 404 Not Found. ` +
        'Check the URL (--url or TRAILSCOPE_RULES_URL); for a pinned version, check the commit ' +
        `id and the file path. ${KEPT}`,
    },
    {
      title: 'notices a body cut short before its Content-Length',
      path: '/truncated.csv',
      message: (url: string) =>
        `Cannot download the abused-API list from ${url}: the connection broke before the whole ` +
        'list arrived (terminated: other side closed). Try again; if it keeps failing, check the ' +
        `proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). ${KEPT}`,
    },
    {
      title: 'gives up on a server that never answers after --timeout',
      path: '/never.csv',
      flags: ['--timeout', '0.5'],
      message: (url: string) =>
        `Cannot download the abused-API list from ${url}: no complete answer from ` +
        `${new URL(url).host} within 0.5 s. Check the network and proxy settings (HTTPS_PROXY, ` +
        'HTTP_PROXY, NO_PROXY), allow more time with --timeout, or use a mirror with --url. ' +
        KEPT,
    },
    {
      title: 'refuses a declared size far beyond a list before reading it',
      path: '/huge.csv',
      message: (url: string) =>
        `Cannot download the abused-API list from ${url}: the content is larger than 4 MiB, far ` +
        `more than an abused-API list. Check that the URL points at the raw CSV list. ${KEPT}`,
    },
    {
      title: 'stops reading an undeclared stream once it passes the size limit',
      path: '/endless.csv',
      message: (url: string) =>
        `Cannot download the abused-API list from ${url}: the content is larger than 4 MiB, far ` +
        `more than an abused-API list. Check that the URL points at the raw CSV list. ${KEPT}`,
    },
    {
      title: 'reports a refused connection',
      url: () => `http://127.0.0.1:${closedPort}/list.csv`,
      message: (url: string) =>
        `Cannot download the abused-API list from ${url}: the connection was refused ` +
        "(ECONNREFUSED). Check the URL's host and port, and that the server or proxy " +
        `(HTTPS_PROXY, HTTP_PROXY, NO_PROXY) is running. ${KEPT}`,
    },
  ];

  for (const { title, path, url: urlOf, flags = [], message } of cases) {
    it(`${title}, keeping the previous copy in use`, async () => {
      const home = homeWithV1();
      const url = urlOf ? urlOf() : server.url(path ?? '');
      const started = Date.now();

      const result = await runCli(['update-rules', '--url', url, ...flags], {
        env: isolatedEnv(home),
      });

      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.stdout, '');
      assert.equal(lastLine(result.stderr), `[x] ${message(url)}`);
      assert.ok(Date.now() - started < 15_000, 'the run ended well within its deadline');
      await assertStillUsesV1(home);
    });
  }

  it('says nothing was saved when there was no previous copy', async () => {
    const home = join(temp.path, 'fresh-home');
    const result = await runCli(['update-rules', '--url', server.url('/missing.csv')], {
      env: isolatedEnv(home),
    });

    assert.equal(result.status, 1);
    assert.match(
      lastLine(result.stderr),
      / Nothing was saved; aws-ct-summary keeps using the bundled list\.$/,
    );
    assert.throws(() => readdirSync(home), /ENOENT/);
  });

  it('fails with the cause and a way out when the config folder cannot be created', async () => {
    const blocker = join(temp.path, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const home = join(blocker, 'trailscope');

    const result = await runCli(['update-rules', '--url', server.url('/v2.csv')], {
      env: isolatedEnv(home),
    });

    assert.equal(result.status, 1);
    assert.equal(
      lastLine(result.stderr),
      `[x] Cannot save the abused-API list to ${join(home, LIST_FILE)}: ENOTDIR. Check that ` +
        `${home} is writable, or set TRAILSCOPE_HOME to a writable folder. Nothing was saved; ` +
        'aws-ct-summary keeps using the bundled list.',
    );
    assert.equal(readFileSync(blocker, 'utf8'), 'not a folder');
  });

  it(
    'keeps the previous copy when the config folder is read-only',
    { skip: process.getuid?.() === 0 ? 'root writes into read-only folders' : false },
    async () => {
      const home = homeWithV1();
      chmodSync(home, 0o555);
      try {
        const result = await runCli(['update-rules', '--url', server.url('/v2.csv')], {
          env: isolatedEnv(home),
        });
        assert.equal(result.status, 1);
        assert.match(lastLine(result.stderr), /: EACCES\. Check that .* is writable/);
      } finally {
        chmodSync(home, 0o755);
      }
      await assertStillUsesV1(home);
    },
  );

  /** The old bytes, no temporary file left over, and a summary that still uses them. */
  async function assertStillUsesV1(home: string): Promise<void> {
    assert.deepEqual(readFileSync(join(home, LIST_FILE)), v1);
    assert.deepEqual(readdirSync(home), [LIST_FILE]);
    const summary = await runCli(['aws-ct-summary', '-f', input, '-t', 'csv'], {
      env: isolatedEnv(home),
    });
    assert.equal(summary.status, 0, summary.stderr);
    assert.ok(
      summary.stderr.includes(
        `[+] Abused-API list: synced (${join(home, LIST_FILE)}, 4 entries)\n`,
      ),
      summary.stderr,
    );
    assert.ok(
      summary.stdout.includes(
        'RunInstances (ec2.amazonaws.com) - Spin up EC2 instances (fixture v1, e.g. crypto mining)',
      ),
      summary.stdout,
    );
  }
});

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}
