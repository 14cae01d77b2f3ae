import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixturePath } from './helpers.js';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface LocalServer {
  /** The URL of a path on this server. */
  url(path: string): string;
  port: number;
  close(): Promise<void>;
}

/** The hand-made lists in the upstream format, as bytes. */
export function readListFixture(name: 'list-v1.csv' | 'list-v2.csv'): Buffer {
  return readFileSync(fixturePath('update-rules', name));
}

/** A server on 127.0.0.1 with a random port that answers each path with its route. */
export async function startListServer(routes: Record<string, Route>): Promise<LocalServer> {
  const server = http.createServer((request, response) => {
    const route = routes[new URL(request.url ?? '/', 'http://x').pathname];
    if (route) return route(request, response);
    response.writeHead(404, { 'content-type': 'text/plain' }).end('no such test route\n');
  });
  return listen(server);
}

/** Routes that send fixed content with a status and a content type. */
export function serve(body: Buffer | string, status = 200, type = 'text/plain'): Route {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };
}

/** A forward proxy that records every target it was asked for; it only reaches 127.0.0.1. */
export interface RecordingProxy extends LocalServer {
  targets: string[];
}

/**
 * undici tunnels through CONNECT by default, also for http:// URLs; plain forwarding of
 * absolute-form requests is handled too, so the test does not depend on that choice.
 */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const targets: string[] = [];
  const server = http.createServer((request, response) => {
    const target = new URL(request.url ?? '');
    targets.push(target.host);
    if (target.hostname !== '127.0.0.1') return void response.writeHead(403).end();
    const upstream = http.request(
      target,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connect', (request: IncomingMessage, client: net.Socket, head: Buffer) => {
    const [host, port] = (request.url ?? '').split(':');
    targets.push(request.url ?? '');
    if (host !== '127.0.0.1') return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { ...(await listen(server)), targets };
}

/** A port with nothing listening on it, for a refused connection. */
export async function findClosedPort(): Promise<number> {
  const probe = await listen(http.createServer());
  await probe.close();
  return probe.port;
}

/**
 * The environment of every update-rules run in the tests: its own config folder, no proxy
 * from the machine, and a URL variable that fails at once, so that no test reaches the
 * Internet when it forgets --url.
 */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    TRAILSCOPE_HOME: home,
    TRAILSCOPE_RULES_URL: pathToFileURL(join(home, 'no-url-given-in-this-test.csv')).href,
    HTTP_PROXY: undefined,
    HTTPS_PROXY: undefined,
    NO_PROXY: undefined,
    http_proxy: undefined,
    https_proxy: undefined,
    no_proxy: undefined,
    ...extra,
  };
}

async function listen(server: http.Server): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise((resolve) => {
        // Hanging test routes keep their sockets open; end them so that the server can stop.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
