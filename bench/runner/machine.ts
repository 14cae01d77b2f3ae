import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../cli-support.js';

/** Lines naming the machine and the code measured, printed above every result table. */
export function describeMachine(): string[] {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  return [
    `- Machine: ${cpu}, ${cpus().length} cores (${availableParallelism()} available), ${memory} GiB RAM, ${type()} ${release()} ${process.arch}`,
    `- Node: ${process.version}`,
    `- Tool: trailscope ${toolVersion()}${gitRevision()}`,
  ];
}

/** Whether the tool can spread its scan over worker threads yet. */
export function toolKnowsThreads(): boolean {
  const help = execFileSync(
    process.execPath,
    [join(repoRoot, 'bin', 'trailscope.js'), 'aws-ct-summary', '--help'],
    {
      encoding: 'utf8',
    },
  );
  return /--threads\b/.test(help);
}

function toolVersion(): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function gitRevision(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repoRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return ` at ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with local changes' : ''}`;
  } catch {
    return '';
  }
}
