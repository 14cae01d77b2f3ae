import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { RuntimeError } from '../errors.js';
import { writeFileAtomically } from './atomic-file.js';

/**
 * Saves a downloaded abused-API list, creating its directory if needed. The bytes are kept as
 * they arrived, so the copy can be compared with the source. The old copy is replaced in one
 * rename: until then, and whenever this fails, it stays exactly as it was.
 */
export async function writeSyncedList(path: string, bytes: Uint8Array): Promise<void> {
  try {
    mkdirSync(dirname(path), { recursive: true });
    await writeFileAtomically(path, bytes, { replace: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RuntimeError(
      `Cannot save the abused-API list to ${path}: ${code ?? (error as Error).message}.`,
    );
  }
}
