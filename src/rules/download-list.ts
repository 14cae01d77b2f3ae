import { describeNetworkError } from './describe-network-error.js';
import { readFileUrl } from './read-file-url.js';
import { tooLargeFailure, UpdateFailure } from './update-failure.js';

export interface DownloadOptions {
  url: URL;
  /** The whole download (connecting, waiting, receiving) must finish within this. */
  timeoutSeconds: number;
  /** Larger content is refused while it arrives, before it is all in memory. */
  maxBytes: number;
  userAgent: string;
}

/** Fetches the list's bytes from an http(s):// or file:// URL; failures are UpdateFailures. */
export async function downloadList(options: DownloadOptions): Promise<Uint8Array> {
  if (options.url.protocol === 'file:') return readFileUrl(options.url, options.maxBytes);
  return fetchOverHttp(options);
}

async function fetchOverHttp(options: DownloadOptions): Promise<Uint8Array> {
  // Loaded here only: the summary command never needs it, and it takes a moment to load.
  // Node's own fetch ignores the proxy variables; this agent reads HTTP(S)_PROXY and NO_PROXY.
  const { EnvHttpProxyAgent, fetch } = await import('undici');
  const dispatcher = new EnvHttpProxyAgent();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutSeconds * 1000);

  const failureOf = (error: unknown): unknown =>
    timedOut ? timeoutFailure(options) : error instanceof UpdateFailure ? error : undefined;
  try {
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(options.url, {
        dispatcher,
        signal: controller.signal,
        headers: {
          'user-agent': options.userAgent,
          accept: 'text/csv, text/plain;q=0.9, */*;q=0.5',
        },
      });
    } catch (error) {
      throw failureOf(error) ?? describeNetworkError(error, options.url.host);
    }
    try {
      checkStatus(response.status, response.statusText);
      return await readBody(response, options.maxBytes, () => controller.abort());
    } catch (error) {
      throw failureOf(error) ?? truncatedFailure(error);
    }
  } finally {
    clearTimeout(timer);
    // Destroy rather than close: a server that never answers must not keep the process alive.
    dispatcher.destroy().catch(() => undefined);
  }
}

interface ResponseLike {
  headers: { get(name: string): string | null };
  body: AsyncIterable<Uint8Array> | null;
}

/** Reads the body, stopping as soon as it exceeds the limit; checks it arrived whole. */
async function readBody(
  response: ResponseLike,
  maxBytes: number,
  stop: () => void,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    stop();
    throw tooLargeFailure(maxBytes);
  }

  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of response.body ?? []) {
    received += chunk.length;
    if (received > maxBytes) {
      stop();
      throw tooLargeFailure(maxBytes);
    }
    chunks.push(chunk);
  }

  // With a content encoding the declared length counts compressed bytes; otherwise it must match.
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (!encoded && Number.isFinite(declared) && received < declared) {
    throw new UpdateFailure(
      `the download stopped after ${received} of ${declared} bytes`,
      'Try again; the previous list stays in use until a download completes',
    );
  }
  return Buffer.concat(chunks);
}

function checkStatus(status: number, statusText: string): void {
  if (status >= 200 && status < 300) return;
  // The reason phrase comes from the server: keep only printable ASCII for the terminal.
  const phrase = statusText.replace(/[^\x20-\x7e]/g, '?').slice(0, 80);
  const reason = `the server answered HTTP ${status}${phrase ? ` ${phrase}` : ''}`;
  if (status === 404 || status === 410) {
    throw new UpdateFailure(
      reason,
      'Check the URL (--url or TRAILSCOPE_RULES_URL); for a pinned version, check the commit id and the file path',
    );
  }
  if (status === 401 || status === 403 || status === 407) {
    throw new UpdateFailure(
      reason,
      'Access was refused: check that this machine may reach the URL and the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)',
    );
  }
  throw new UpdateFailure(
    reason,
    'Try again later, or download from a mirror with --url or TRAILSCOPE_RULES_URL',
  );
}

function truncatedFailure(error: unknown): UpdateFailure {
  const cause = (error as { cause?: { message?: string } })?.cause?.message;
  const detail = [(error as Error)?.message, cause].filter(Boolean).join(': ');
  return new UpdateFailure(
    `the connection broke before the whole list arrived (${detail || 'unknown error'})`,
    'Try again; if it keeps failing, check the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)',
  );
}

function timeoutFailure(options: DownloadOptions): UpdateFailure {
  return new UpdateFailure(
    `no complete answer from ${options.url.host} within ${options.timeoutSeconds} s`,
    'Check the network and proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), allow more time with --timeout, or use a mirror with --url',
  );
}
