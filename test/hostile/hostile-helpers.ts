import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../helpers.js';

/** Every identity in these tests is an obviously fake one of account 111122223333. */
export const ACCOUNT = '111122223333';
export const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
export const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;

/** A CloudTrail-like event of `arn` at second `second` of 2024-03-01 10:00, with `extra` fields. */
export function event(
  arn: string,
  second: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    eventTime: `2024-03-01T10:00:${String(second).padStart(2, '0')}Z`,
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.15.0',
    userIdentity: { type: 'IAMUser', arn },
    ...extra,
  };
}

/** `{"Records":[…]}` text of the events, one element per line as CloudTrail writes them. */
export function recordsText(events: readonly unknown[]): string {
  return `{"Records":[\n${events.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
}

export function jsonLinesText(events: readonly unknown[]): string {
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/** Writes files (relative path to content) under `root`, creating folders as needed. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [relative, content] of Object.entries(files)) {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  stdin?: Buffer | string;
  /** A hang fails the test: the child is killed after this long. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Prefix to run the CLI under, e.g. setpriv with some capabilities dropped. */
  wrapper?: readonly string[];
  onSpawn?: (child: ChildProcessWithoutNullStreams) => void;
}

/** Runs the built CLI with no terminal and no colours, killing it if it outlives the timeout. */
export function runTrailscope(args: readonly string[], options: RunOptions): Promise<Run> {
  const command = [...(options.wrapper ?? []), process.execPath];
  const cliPath = join(repoRoot, 'bin', 'trailscope.js');
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, [...command.slice(1), cliPath, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({
        status,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
    options.onSpawn?.(child);
  });
}

/**
 * Runs the CLI in-process (`--threads 1`) and on two worker threads (`--threads 2`), checks
 * that both produce the same report and the same diagnostics, and returns the first run.
 */
export async function runOnBothPaths(args: readonly string[], options: RunOptions): Promise<Run> {
  const inProcess = await runTrailscope([...args, '--threads', '1'], options);
  const onWorkers = await runTrailscope([...args, '--threads', '2'], options);
  assert.equal(inProcess.signal, null, `killed by ${inProcess.signal}: ${inProcess.stderr}`);
  assert.equal(onWorkers.status, inProcess.status, onWorkers.stderr);
  assert.equal(onWorkers.stdout, inProcess.stdout, 'the report differs on worker threads');
  assert.deepEqual(tallyLines(onWorkers.stderr), tallyLines(inProcess.stderr));
  return inProcess;
}

/** The diagnostics of a `-q` run, without the elapsed time, which varies. */
export function tallyLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !line.startsWith('[+] Elapsed:'));
}

/** `[user_arn, num_of_events]` of each identity of a JSON-lines report, in report order. */
export function rowsOf(jsonLines: string): [unknown, number][] {
  return jsonLines
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const row = JSON.parse(line) as { user_arn: unknown; num_of_events: number };
      return [row.user_arn, row.num_of_events];
    });
}

/** The report's JSON-lines rows, parsed. */
export function recordsOf(jsonLines: string): Record<string, unknown>[] {
  return jsonLines
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The size as the tally prints it: `123 B`, `1.2 KiB`, `50.0 MiB`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
