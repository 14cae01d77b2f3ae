import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's folder, found by walking up to its package.json. The code runs both
 * compiled file by file and bundled into one folder, so fixed relative paths would not do.
 */
export function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('package.json not found above the trailscope code');
    folder = parent;
  }
  return folder;
}
