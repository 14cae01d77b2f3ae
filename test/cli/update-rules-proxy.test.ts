import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { makeTempDir, runCli } from '../helpers.js';
import {
  findClosedPort,
  isolatedEnv,
  readListFixture,
  serve,
  startListServer,
  startRecordingProxy,
  type LocalServer,
  type RecordingProxy,
} from '../list-server.js';

const v2 = readListFixture('list-v2.csv');

describe('update-rules behind a proxy', () => {
  const temp = makeTempDir();
  let server: LocalServer;
  let proxy: RecordingProxy;
  let homes = 0;
  const freshHome = () => join(temp.path, `home-${++homes}`);
  const update = (home: string, env: NodeJS.ProcessEnv) =>
    runCli(['update-rules', '--url', server.url('/v2.csv')], { env: isolatedEnv(home, env) });

  before(async () => {
    server = await startListServer({ '/v2.csv': serve(v2) });
    proxy = await startRecordingProxy();
  });
  beforeEach(() => {
    proxy.targets.length = 0;
  });
  after(async () => {
    await proxy.close();
    await server.close();
    temp.remove();
  });

  it('goes through HTTP_PROXY for an http:// URL', async () => {
    const home = freshHome();
    const result = await update(home, { HTTP_PROXY: proxy.url('') });

    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(proxy.targets, [`127.0.0.1:${server.port}`]);
    assert.deepEqual(readFileSync(join(home, 'abused_aws_api_calls.csv')), v2);
  });

  it('honours the lower-case http_proxy spelling too', async () => {
    const result = await update(freshHome(), { http_proxy: proxy.url('') });

    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(proxy.targets, [`127.0.0.1:${server.port}`]);
  });

  it('connects directly to a host listed in NO_PROXY', async () => {
    const result = await update(freshHome(), { HTTP_PROXY: proxy.url(''), NO_PROXY: '127.0.0.1' });

    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(proxy.targets, []);
  });

  it('sends https:// requests through HTTPS_PROXY', async () => {
    // The test server speaks plain HTTP, so TLS fails behind the tunnel; the proxy's record of
    // the CONNECT is what shows that the variable was honoured, as for the default URL.
    const url = `https://127.0.0.1:${server.port}/v2.csv`;
    const result = await runCli(['update-rules', '--url', url, '--timeout', '5'], {
      env: isolatedEnv(freshHome(), { HTTPS_PROXY: proxy.url('') }),
    });

    assert.equal(result.status, 1);
    assert.deepEqual(proxy.targets, [`127.0.0.1:${server.port}`]);
    assert.match(
      result.stderr,
      /from https:\/\/127\.0\.0\.1:\d+\/v2\.csv: the TLS handshake with 127\.0\.0\.1:\d+ failed/,
    );
  });

  it('blames the proxy settings when the proxy is down', async () => {
    const deadProxy = `http://127.0.0.1:${await findClosedPort()}`;
    const result = await update(freshHome(), { HTTP_PROXY: deadProxy });

    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /the connection was refused \(ECONNREFUSED\)\. Check the URL's host and port, and that the server or proxy \(HTTPS_PROXY, HTTP_PROXY, NO_PROXY\) is running\./,
    );
  });
});
