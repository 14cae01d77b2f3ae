import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from dist/test, two levels below it). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function fixturePath(...parts: string[]): string {
  return join(repoRoot, 'test', 'fixtures', ...parts);
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * An empty configuration folder for every CLI run, so that no test reads the synced list of
 * whoever runs the tests, and an update without --url stays on this machine.
 */
const isolatedHome = mkdtempSync(join(tmpdir(), 'trailscope-home-'));
process.on('exit', () => rmSync(isolatedHome, { recursive: true, force: true }));
const isolation = {
  TRAILSCOPE_HOME: isolatedHome,
  TRAILSCOPE_RULES_URL: `file://${join(isolatedHome, 'no-such-list.csv')}`,
};

/** Runs the built CLI as a user would, with no terminal and colours off unless asked. */
export function runCli(
  args: readonly string[],
  options: { stdin?: Buffer | string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'trailscope.js'), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...isolation, NO_COLOR: '', FORCE_COLOR: undefined, ...options.env },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolve({
        status,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
    child.stdin.end(options.stdin ?? '');
  });
}

/** A fresh temporary directory, removed by the returned function. */
export function makeTempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'trailscope-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
