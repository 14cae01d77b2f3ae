/**
 * Loaded with `node --import` before a measured program: when the process exits, writes its peak
 * resident set size in KiB to the file named by TRAILSCOPE_BENCH_RSS_FILE. It covers the whole
 * process, worker threads included, so no external tool such as /usr/bin/time is needed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = process.env.TRAILSCOPE_BENCH_RSS_FILE;

// Workers load this too; only the main thread's exit comes last and sees the final peak.
if (target && isMainThread) {
  process.on('exit', () => writeFileSync(target, String(peakRssKiB())));
}

/**
 * On Linux, getrusage's maxRSS (process.resourceUsage) keeps the parent's peak across fork and
 * exec: a child of a 500 MiB benchmark runner reports at least 500 MiB. VmHWM is the peak of
 * this program's own memory, so it is used wherever /proc has it.
 */
function peakRssKiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // No /proc (macOS, Windows): there the rusage figure is the process's own.
  }
  return process.resourceUsage().maxRSS;
}
