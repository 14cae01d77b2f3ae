import { UpdateFailure } from './update-failure.js';

const PROXY_VARIABLES = 'HTTPS_PROXY, HTTP_PROXY, NO_PROXY';

/**
 * Turns a failed request (fetch rejects with "fetch failed" and the real error as its cause,
 * sometimes nested) into the cause a responder can act on. `host` is the server asked for.
 */
export function describeNetworkError(error: unknown, host: string): UpdateFailure {
  const { code, message } = innermostCause(error);

  if (/^EAI_|^ENOTFOUND$/.test(code)) {
    return new UpdateFailure(
      `cannot resolve the host name ${host} (${code})`,
      'Check the network connection and DNS; if this network needs a proxy, set HTTPS_PROXY (and NO_PROXY for internal hosts)',
    );
  }
  if (code === 'ECONNREFUSED') {
    return new UpdateFailure(
      `the connection was refused (${code})`,
      `Check the URL's host and port, and that the server or proxy (${PROXY_VARIABLES}) is running`,
    );
  }
  if (['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN'].includes(code)) {
    return new UpdateFailure(
      `the network is unreachable (${code})`,
      `Check the network connection; behind a proxy, set ${PROXY_VARIABLES}; offline, use a file:// URL`,
    );
  }
  if (['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'].includes(code)) {
    return new UpdateFailure(
      `connecting to ${host} timed out (${code})`,
      `Check the network and proxy settings (${PROXY_VARIABLES}), or use a mirror with --url`,
    );
  }
  if (/^(?:CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS_CERT_)/.test(code)) {
    return new UpdateFailure(
      `the TLS certificate of ${host} was not accepted (${code})`,
      'If a company proxy inspects TLS, point NODE_EXTRA_CA_CERTS at its CA certificate file',
    );
  }
  if (/^(?:ERR_TLS_|ERR_SSL_)/.test(code)) {
    return new UpdateFailure(
      `the TLS handshake with ${host} failed (${code})`,
      'Check that the server speaks https:// on that port, and the proxy settings (HTTPS_PROXY, NO_PROXY)',
    );
  }
  const proxyStatus = /Proxy response \((\d{3})\)/.exec(message)?.[1];
  if (proxyStatus !== undefined) {
    return new UpdateFailure(
      `the proxy refused the connection (HTTP ${proxyStatus})`,
      proxyStatus === '407'
        ? 'Put the proxy credentials in its URL, e.g. HTTPS_PROXY=http://user:password@proxy:3128'
        : `Check the proxy settings (${PROXY_VARIABLES}) and that the proxy allows ${host}`,
    );
  }
  if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(code)) {
    return new UpdateFailure(
      `the connection was closed by the server or a proxy (${message || code})`,
      `Try again; check the proxy settings (${PROXY_VARIABLES})`,
    );
  }
  return new UpdateFailure(
    `the request failed (${[code, message].filter(Boolean).join(': ') || 'unknown error'})`,
    `Check the network and the proxy settings (${PROXY_VARIABLES}) and try again`,
  );
}

/** The deepest error in a `cause` chain, with its code ('' when it has none). */
function innermostCause(error: unknown): { code: string; message: string } {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown } | undefined)?.cause;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  // A connection to a host with several addresses can fail with one error per address.
  if (current instanceof AggregateError && !('code' in current) && current.errors.length > 0) {
    current = current.errors[0];
  }
  const { code, message } = (current ?? {}) as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : '',
    message: typeof message === 'string' ? message : String(current),
  };
}
