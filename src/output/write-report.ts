import {
  closeSync,
  existsSync,
  fsync,
  linkSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  write,
} from 'node:fs';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import { RuntimeError, UserError } from '../errors.js';

/** Temporary files being written, removed if the run is interrupted before the rename. */
const pendingTemporaryFiles = new Set<string>();

const writeAsync = promisify(write);
const fsyncAsync = promisify(fsync);
const WRITE_PIECE_BYTES = 1024 * 1024;

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
 * Writes the report through a temporary file in the same directory and renames it into place,
 * so that a reader (or an interrupted run) never sees a half-written report. Without clobber,
 * a hard link makes the final step fail instead of replacing a file that appeared meanwhile.
 *
 * The writing is asynchronous on purpose: a signal is only handled when the event loop gets a
 * turn, so a synchronous write would let a Ctrl-C that came during it publish the report anyway.
 * The rename is synchronous, so the report is either wholly in place or not there at all.
 */
export async function writeReportFile(path: string, text: string, clobber: boolean): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  pendingTemporaryFiles.add(temporary);
  try {
    // Created synchronously, so that whenever a signal handler runs the file is known to exist.
    const fd = openSync(temporary, 'wx', 0o644);
    try {
      await writeAll(fd, Buffer.from(text));
      await fsyncAsync(fd);
    } finally {
      closeSync(fd);
    }
    if (clobber) {
      renameSync(temporary, path);
    } else {
      linkSync(temporary, path);
      unlinkSync(temporary);
    }
  } catch (error) {
    removeQuietly(temporary);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && !clobber) {
      throw new UserError(
        `Output file ${path} already exists. Re-run with --clobber or pick another -o path.`,
      );
    }
    throw new RuntimeError(`Cannot write ${path}: ${(error as Error).message}`);
  } finally {
    pendingTemporaryFiles.delete(temporary);
  }
}

/** Removes temporary report files; called when the run is interrupted. */
export function removePendingTemporaryFiles(): void {
  for (const temporary of pendingTemporaryFiles) removeQuietly(temporary);
  pendingTemporaryFiles.clear();
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

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Writes in pieces, each a turn of the event loop. */
async function writeAll(fd: number, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await writeAsync(
      fd,
      bytes,
      offset,
      Math.min(WRITE_PIECE_BYTES, bytes.length - offset),
    );
    offset += bytesWritten;
  }
}
