/**
 * Loaded with `node --import` before a measured program: when the process exits, writes its peak
 * resident set size in KiB to the file named by TRAILSCOPE_BENCH_RSS_FILE. getrusage covers the
 * whole process, worker threads included, so no external tool such as /usr/bin/time is needed.
 */
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = process.env.TRAILSCOPE_BENCH_RSS_FILE;

// Workers load this too; only the main thread's exit comes last and sees the final peak.
if (target && isMainThread) {
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
}
