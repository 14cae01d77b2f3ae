import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UserError } from '../../src/errors.js';
import { BUNDLED_ABUSED_LIST_PATH, loadAbusedList } from '../../src/enrich/index.js';
import { makeTempDir } from '../helpers.js';

describe('loadAbusedList', () => {
  const temp = makeTempDir();
  after(temp.remove);
  const write = (name: string, text: string) => {
    const path = join(temp.path, name);
    writeFileSync(path, text);
    return path;
  };
  const synced = write('synced.csv', 'EventName,Description\nRunInstances,Synced description\n');
  const explicit = write('explicit.csv', 'EventName,Description\nListUsers,Explicit\nA,a\n');

  it('uses --abused-list before the synced copy', () => {
    const loaded = loadAbusedList({ explicitPath: explicit, syncedPath: synced });
    assert.equal(loaded.origin, 'option');
    assert.equal(loaded.path, explicit);
    assert.equal(loaded.list.get('ListUsers'), 'Explicit');
  });

  it('uses the synced copy when no list is given', () => {
    const loaded = loadAbusedList({ syncedPath: synced });
    assert.equal(loaded.origin, 'synced');
    assert.equal(loaded.path, synced);
    assert.deepEqual([...loaded.list], [['RunInstances', 'Synced description']]);
    assert.equal(loaded.syncedProblem, undefined);
  });

  it('uses the bundled list without complaint when nothing was synced yet', () => {
    const loaded = loadAbusedList({ syncedPath: join(temp.path, 'never-synced.csv') });
    assert.equal(loaded.origin, 'bundled');
    assert.equal(loaded.path, BUNDLED_ABUSED_LIST_PATH);
    assert.ok(loaded.list.size > 100, `bundled list has ${loaded.list.size} entries`);
    assert.equal(loaded.syncedProblem, undefined);
  });

  it('falls back to the bundled list and says why when the synced copy is invalid', () => {
    const broken = write('broken.csv', '<html>proxy login</html>\n');
    const loaded = loadAbusedList({ syncedPath: broken });
    assert.equal(loaded.origin, 'bundled');
    assert.deepEqual(loaded.syncedProblem, {
      path: broken,
      reason: 'the first line must be the header "EventName,Description"',
    });
  });

  it('falls back to the bundled list when the synced copy cannot be read', () => {
    const folder = join(temp.path, 'a-folder.csv');
    mkdirSync(folder);
    const loaded = loadAbusedList({ syncedPath: folder });
    assert.equal(loaded.origin, 'bundled');
    assert.deepEqual(loaded.syncedProblem, { path: folder, reason: 'cannot be read (EISDIR)' });
  });

  it('still fails on an unusable --abused-list, which the user named', () => {
    const broken = write('named-broken.csv', 'Name,Text\nA,a\n');
    assert.throws(
      () => loadAbusedList({ explicitPath: broken, syncedPath: synced }),
      (error: unknown) => error instanceof UserError && error.message.includes(broken),
    );
  });
});
