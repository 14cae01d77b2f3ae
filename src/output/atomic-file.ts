import { randomBytes } from 'node:crypto';
import { closeSync, fsync, linkSync, openSync, renameSync, unlinkSync, write } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const writeAsync = promisify(write);
const fsyncAsync = promisify(fsync);
const WRITE_PIECE_BYTES = 1024 * 1024;

/** Temporary files being written, removed if the run is interrupted before the rename. */
const pendingTemporaryFiles = new Set<string>();

/**
 * Writes through a temporary file in the same directory, then moves it into place in one step,
 * so that a reader (or an interrupted run) sees either the old file or the whole new one. With
 * `replace: false`, a hard link makes the last step fail with EEXIST instead of replacing a
 * file that appeared meanwhile. Errors are thrown as they come, for the caller to explain.
 *
 * The writing is asynchronous on purpose: a signal is only handled when the event loop gets a
 * turn, so a synchronous write would let a Ctrl-C that came during it publish the file anyway.
 * The temporary file is created, and the rename done, synchronously, so that a signal handler
 * always knows what to remove and the file is either wholly in place or not there at all.
 */
export async function writeFileAtomically(
  path: string,
  data: string | Uint8Array,
  options: { replace: boolean },
): Promise<void> {
  // The random part keeps two runs of the same process id (a container restart) from meeting.
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const temporary = join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
  pendingTemporaryFiles.add(temporary);
  try {
    const fd = openSync(temporary, 'wx', 0o644);
    try {
      await writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      await fsyncAsync(fd);
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

/** Writes in pieces, each a turn of the event loop; a write may also take less than asked. */
async function writeAll(fd: number, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const length = Math.min(WRITE_PIECE_BYTES, bytes.length - offset);
    const { bytesWritten } = await writeAsync(fd, bytes, offset, length);
    offset += bytesWritten;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
