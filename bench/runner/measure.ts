import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../cli-support.js';

/** What one whole-process run cost. */
export interface Measurement {
  wallSeconds: number;
  /** Undefined when the process died before it could record it. */
  peakRssBytes: number | undefined;
  status: number | null;
  stdout: string;
  /** The end of stderr, to explain a failure. */
  stderrTail: string;
}

const PRELOAD = fileURLToPath(new URL('../peak-rss.js', import.meta.url));
const STDERR_KEPT = 4000;
let runNumber = 0;

/** Runs `node <script> <args>` from the repository root and times it from spawn to exit. */
export function measureProcess(script: string, args: readonly string[]): Promise<Measurement> {
  const rssFile = join(tmpdir(), `trailscope-bench-${process.pid}-${++runNumber}.rss`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PRELOAD, script, ...args], {
      cwd: repoRoot,
      env: { ...process.env, TRAILSCOPE_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEPT);
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const wallSeconds = (performance.now() - started) / 1000;
      resolve({
        wallSeconds,
        peakRssBytes: readPeakRss(rssFile),
        status,
        stdout,
        stderrTail: stderr,
      });
    });
  });
}

function readPeakRss(file: string): number | undefined {
  try {
    const kib = Number(readFileSync(file, 'utf8'));
    return Number.isFinite(kib) ? kib * 1024 : undefined;
  } catch {
    return undefined;
  } finally {
    rmSync(file, { force: true });
  }
}
