import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { RuntimeError, UserError } from '../errors.js';
import { writeFileAtomically } from './atomic-file.js';

/**
 * Checks, before any scanning, that the report can be written where asked: no existing file
 * unless overwriting was allowed, and a directory that exists.
 */
export function checkOutputPath(path: string, clobber: boolean): void {
  if (!clobber && existsSync(path)) {
    throw new UserError(
      `Output file ${path} already exists. Re-run with --clobber or pick another -o path.`,
    );
  }
  const directory = dirname(path);
  if (!isExistingDirectory(directory)) {
    throw new RuntimeError(`Cannot write ${path}: the directory ${directory} does not exist.`);
  }
}

/**
 * Writes the report through a temporary file renamed into place, so that a reader (or an
 * interrupted run) never sees a half-written report. Without clobber, a file that appeared
 * since the check is not replaced.
 */
export async function writeReportFile(path: string, text: string, clobber: boolean): Promise<void> {
  try {
    await writeFileAtomically(path, text, { replace: clobber });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && !clobber) {
      throw new UserError(
        `Output file ${path} already exists. Re-run with --clobber or pick another -o path.`,
      );
    }
    throw new RuntimeError(`Cannot write ${path}: ${(error as Error).message}`);
  }
}

/** Writes the report to standard output, waiting until it is flushed. */
export function writeReportToStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => {
      // A closed pipe (`| head`) is the reader's choice, not a failure of the run.
      if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error);
      else resolve();
    });
  });
}

function isExistingDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
