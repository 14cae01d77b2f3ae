import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { FloorTally } from '../../bench/floor.js';
import { generateCorpus, loadTemplates, type WriteResult } from '../../bench/generate/index.js';
import { fixturePath, makeTempDir, repoRoot } from '../helpers.js';

const floorScript = join(repoRoot, 'dist', 'bench', 'floor.js');

async function runFloor(threads: number, path: string): Promise<FloorTally> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    floorScript,
    '--threads',
    String(threads),
    path,
  ]);
  return JSON.parse(stdout) as FloorTally;
}

describe('the benchmark floor', () => {
  const temp = makeTempDir();
  after(temp.remove);
  let written: WriteResult;

  before(async () => {
    written = await generateCorpus({
      templates: loadTemplates(fixturePath('bench-templates')),
      out: temp.path,
      events: 400,
      identities: 10,
      accounts: 1,
      perFile: { min: 0, max: 30 },
      startMs: Date.parse('2024-01-01T00:00:00Z'),
      days: 1,
      errorRate: 0.1,
      seed: 'floor',
      gzipLevel: 1,
    });
  });

  for (const threads of [1, 3]) {
    it(`reads every file and event of a tree with ${threads} thread(s)`, async () => {
      const tally = await runFloor(threads, temp.path);
      assert.equal(tally.files, written.files);
      assert.equal(tally.events, written.events);
      assert.equal(tally.bytes, written.bytes);
      assert.equal(tally.unparsed, 0);
    });
  }
});
