import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RuntimeError } from '../../src/errors.js';
import { writeSyncedList } from '../../src/output/index.js';
import { makeTempDir } from '../helpers.js';

describe('writeSyncedList', () => {
  const temp = makeTempDir();
  after(temp.remove);

  it('creates the missing config folders and stores the bytes exactly', async () => {
    const path = join(temp.path, 'a', 'b', 'abused_aws_api_calls.csv');
    const bytes = Buffer.from('EventName,Description\r\nRunInstances,"Spin up, mine"\r\n');

    await writeSyncedList(path, bytes);

    assert.deepEqual(readFileSync(path), bytes);
    assert.deepEqual(readdirSync(join(temp.path, 'a', 'b')), ['abused_aws_api_calls.csv']);
  });

  it('replaces the previous copy and leaves no temporary file behind', async () => {
    const path = join(temp.path, 'replace.csv');
    writeFileSync(path, 'EventName,Description\nOld,old\n');

    await writeSyncedList(path, Buffer.from('EventName,Description\nNew,new\n'));

    assert.equal(readFileSync(path, 'utf8'), 'EventName,Description\nNew,new\n');
    assert.deepEqual(
      readdirSync(temp.path).filter((name) => name.includes('replace')),
      ['replace.csv'],
    );
  });

  it('fails with the path and the cause when the folder cannot be created', async () => {
    const blocker = join(temp.path, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const path = join(blocker, 'trailscope', 'abused_aws_api_calls.csv');

    await assert.rejects(
      () => writeSyncedList(path, Buffer.from('EventName,Description\nA,a\n')),
      (error: unknown) =>
        error instanceof RuntimeError &&
        error.message === `Cannot save the abused-API list to ${path}: ENOTDIR.`,
    );
    assert.equal(readFileSync(blocker, 'utf8'), 'not a folder');
  });
});
