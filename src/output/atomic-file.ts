import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Temporary files being written, removed if the run is interrupted before the rename. */
const pendingTemporaryFiles = new Set<string>();

/**
 * Writes through a temporary file in the same directory, then moves it into place in one step,
 * so that a reader (or an interrupted run) sees either the old file or the whole new one. With
 * `replace: false`, a hard link makes the last step fail with EEXIST instead of replacing a
 * file that appeared meanwhile. Errors are thrown as they come, for the caller to explain.
 */
export function writeFileAtomically(
  path: string,
  data: string | Uint8Array,
  options: { replace: boolean },
): void {
  // The random part keeps two runs of the same process id (a container restart) from meeting.
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const temporary = join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
  pendingTemporaryFiles.add(temporary);
  try {
    const fd = openSync(temporary, 'wx', 0o644);
    try {
      writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.replace) {
      renameSync(temporary, path);
    } else {
      linkSync(temporary, path);
      unlinkSync(temporary);
    }
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  } finally {
    pendingTemporaryFiles.delete(temporary);
  }
}

/** Removes temporary files still being written; called when the run is interrupted. */
export function removePendingTemporaryFiles(): void {
  for (const temporary of pendingTemporaryFiles) removeQuietly(temporary);
  pendingTemporaryFiles.clear();
}

/** writeSync may write less than asked (a full disk, a signal); loop until all is written. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
