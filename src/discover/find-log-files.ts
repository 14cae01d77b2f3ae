import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

export interface LogFile {
  path: string;
  size: number;
}

export interface DiscoveryProblem {
  path: string;
  reason: string;
}

export interface Discovery {
  files: LogFile[];
  /** Files under a `CloudTrail-Digest` folder: hashes of log files, not events. */
  digestFiles: string[];
  problems: DiscoveryProblem[];
}

const CANDIDATE = /\.(json|jsonl|json\.gz|jsonl\.gz|gz)$/i;

/**
 * Walks a directory tree in sorted, reproducible order. Symbolic links are followed, but each
 * real file is read once and each real directory entered once, so link loops end. Only names
 * that look like CloudTrail files are taken; FIFOs, sockets and devices are never opened.
 */
export function findLogFiles(root: string): Discovery {
  const discovery: Discovery = { files: [], digestFiles: [], problems: [] };
  const seen = new Set<string>();
  walk(root, discovery, seen);
  return discovery;
}

function walk(directory: string, discovery: Discovery, seen: Set<string>): void {
  const directoryStats = statQuietly(directory, discovery);
  if (!directoryStats || !markSeen(directoryStats, seen)) return;

  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    discovery.problems.push({
      path: directory,
      reason: `directory cannot be read (${errorCode(error)})`,
    });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const entry of entries) {
    const path = join(directory, entry.name);
    const candidate = CANDIDATE.test(entry.name);
    if (entry.isDirectory()) {
      walk(path, discovery, seen);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (!candidate && entry.isFile()) continue;
      const stats = statQuietly(path, discovery, candidate);
      if (stats?.isDirectory()) walk(path, discovery, seen);
      else if (stats && candidate) addFile(path, stats, discovery, seen);
    } else if (candidate) {
      discovery.problems.push({
        path,
        reason: 'not a regular file (FIFO, socket or device); skipped',
      });
    }
  }
}

function addFile(path: string, stats: Stats, discovery: Discovery, seen: Set<string>): void {
  if (!stats.isFile()) {
    discovery.problems.push({
      path,
      reason: 'not a regular file (FIFO, socket or device); skipped',
    });
  } else if (markSeen(stats, seen)) {
    if (isUnderDigestFolder(path)) discovery.digestFiles.push(path);
    else discovery.files.push({ path, size: stats.size });
  }
}

/** CloudTrail delivers digests under `CloudTrail-Digest/`, beside the logs of the same account. */
function isUnderDigestFolder(path: string): boolean {
  return path.split(sep).includes('CloudTrail-Digest');
}

/** Returns false when this real file or directory was already visited (through another link). */
function markSeen(stats: Stats, seen: Set<string>): boolean {
  const identity = `${stats.dev}:${stats.ino}`;
  if (seen.has(identity)) return false;
  seen.add(identity);
  return true;
}

function statQuietly(path: string, discovery: Discovery, report = true): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if (report) discovery.problems.push({ path, reason: describeStatError(errorCode(error)) });
    return undefined;
  }
}

function describeStatError(code: string): string {
  if (code === 'ENOENT') return 'broken symbolic link, or removed during the scan';
  if (code === 'ELOOP') return 'symbolic link loop';
  return `cannot be read (${code})`;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
