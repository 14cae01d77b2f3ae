import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeNetworkError } from '../../src/rules/describe-network-error.js';

/** fetch rejects with "fetch failed" and the system error as its cause. */
function fetchFailed(cause: Error & { code?: string }): Error {
  return new TypeError('fetch failed', { cause });
}

function systemError(code: string, message = `${code} message`): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

describe('describeNetworkError', () => {
  const cases = [
    {
      title: 'names the host when DNS cannot resolve it',
      error: fetchFailed(systemError('ENOTFOUND')),
      reason: 'cannot resolve the host name raw.example.com (ENOTFOUND)',
      advice: /set HTTPS_PROXY/,
    },
    {
      title: 'treats a temporary DNS failure the same way',
      error: fetchFailed(systemError('EAI_AGAIN')),
      reason: 'cannot resolve the host name raw.example.com (EAI_AGAIN)',
      advice: /DNS/,
    },
    {
      title: 'reports a refused connection',
      error: fetchFailed(systemError('ECONNREFUSED')),
      reason: 'the connection was refused (ECONNREFUSED)',
      advice: /host and port/,
    },
    {
      title: 'reports an unreachable network and suggests file:// when offline',
      error: fetchFailed(systemError('ENETUNREACH')),
      reason: 'the network is unreachable (ENETUNREACH)',
      advice: /file:\/\/ URL/,
    },
    {
      title: 'reports a connect timeout',
      error: fetchFailed(systemError('UND_ERR_CONNECT_TIMEOUT')),
      reason: 'connecting to raw.example.com timed out (UND_ERR_CONNECT_TIMEOUT)',
      advice: /mirror/,
    },
    {
      title: 'points at NODE_EXTRA_CA_CERTS for an untrusted certificate',
      error: fetchFailed(systemError('SELF_SIGNED_CERT_IN_CHAIN')),
      reason: 'the TLS certificate of raw.example.com was not accepted (SELF_SIGNED_CERT_IN_CHAIN)',
      advice: /NODE_EXTRA_CA_CERTS/,
    },
    {
      title: 'suspects a plain-HTTP server when the TLS handshake cannot even start',
      error: fetchFailed(systemError('ERR_SSL_WRONG_VERSION_NUMBER')),
      reason: 'the TLS handshake with raw.example.com failed (ERR_SSL_WRONG_VERSION_NUMBER)',
      advice: /speaks https:\/\/ on that port/,
    },
    {
      title: 'asks for proxy credentials when the proxy answers 407',
      error: fetchFailed(
        systemError('UND_ERR_ABORTED', 'Proxy response (407) !== 200 when HTTP Tunneling'),
      ),
      reason: 'the proxy refused the connection (HTTP 407)',
      advice: /HTTPS_PROXY=http:\/\/user:password@proxy:3128/,
    },
    {
      title: 'reads the code of the first address when every address failed',
      error: fetchFailed(new AggregateError([systemError('ECONNREFUSED')], 'connect failed')),
      reason: 'the connection was refused (ECONNREFUSED)',
      advice: /host and port/,
    },
    {
      title: 'keeps the message of an error it does not know',
      error: fetchFailed(new Error('something odd')),
      reason: 'the request failed (something odd)',
      advice: /proxy settings/,
    },
  ];
  for (const { title, error, reason, advice } of cases) {
    it(title, () => {
      const failure = describeNetworkError(error, 'raw.example.com');
      assert.equal(failure.reason, reason);
      assert.match(failure.advice, advice);
    });
  }
});
