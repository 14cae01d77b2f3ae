import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A folder for thousands of copied files: RAM-backed when the system has /dev/shm, because
 * creating and removing that many files on disk takes longer than the whole rest of the suite.
 */
export function makeScratchDir(): { path: string; remove: () => void } {
  let base = tmpdir();
  try {
    accessSync('/dev/shm', constants.W_OK);
    base = '/dev/shm';
  } catch {
    // no RAM-backed folder: use the ordinary temporary folder
  }
  const path = mkdtempSync(join(base, 'trailscope-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Copies the files flat into `target`, renamed so that the walk meets them in reverse order. */
export async function copyReversed(files: string[], target: string): Promise<void> {
  const width = String(files.length).length;
  await Promise.all(
    files.map((path, index) => {
      const extension = /\.(json|jsonl)(\.gz)?$|\.gz$/i.exec(path)![0];
      const name = `copy-${String(files.length - index).padStart(width, '0')}${extension}`;
      return copyFile(path, join(target, name));
    }),
  );
}
