import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tooLargeFailure, UpdateFailure } from './update-failure.js';

const CHUNK_BYTES = 64 * 1024;

/**
 * Reads a list from a local or mounted path, for sites without Internet access that copy the
 * file over. Reading stops one chunk past the limit, so a huge file or a device is refused
 * without loading it.
 */
export async function readFileUrl(url: URL, maxBytes: number): Promise<Uint8Array> {
  const path = fileURLToPath(url);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new UpdateFailure(
      `cannot open ${path} (${codeOf(error)})`,
      'Check the path in the file:// URL and that the file is readable',
    );
  }
  try {
    if (!(await handle.stat()).isFile()) {
      throw new UpdateFailure(
        `${path} is not a regular file`,
        'Point the file:// URL at the CSV file',
      );
    }
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(CHUNK_BYTES), 0, CHUNK_BYTES);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLargeFailure(maxBytes);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof UpdateFailure) throw error;
    throw new UpdateFailure(
      `cannot read ${path} (${codeOf(error)})`,
      'Check that the file is readable',
    );
  } finally {
    await handle.close();
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
