import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareAbusedLists, hasChanges } from '../../src/rules/index.js';

describe('compareAbusedLists', () => {
  it('finds added and removed names and changed descriptions, each sorted', () => {
    const before = new Map([
      ['StopLogging', 'Blind the trail'],
      ['RunInstances', 'Spin up EC2'],
      ['ListUsers', 'Enumerate'],
      ['DeleteTrail', 'Remove the trail'],
    ]);
    const after = new Map([
      ['RunInstances', 'Spin up EC2 (crypto mining)'],
      ['ListUsers', 'Enumerate'],
      ['PutBucketPolicy', 'Open a bucket'],
      ['CreateAccessKey', 'Persist'],
      ['AssumeRole', 'Pivot (changed too)'],
    ]);
    before.set('AssumeRole', 'Pivot');

    const changes = compareAbusedLists(before, after);

    assert.deepEqual(changes, {
      added: ['CreateAccessKey', 'PutBucketPolicy'],
      removed: ['DeleteTrail', 'StopLogging'],
      descriptionChanged: ['AssumeRole', 'RunInstances'],
    });
    assert.equal(hasChanges(changes), true);
  });

  it('reports no change for the same entries in another order', () => {
    const changes = compareAbusedLists(
      new Map([
        ['A', 'a'],
        ['B', 'b'],
      ]),
      new Map([
        ['B', 'b'],
        ['A', 'a'],
      ]),
    );
    assert.deepEqual(changes, { added: [], removed: [], descriptionChanged: [] });
    assert.equal(hasChanges(changes), false);
  });

  it('sorts by code point, upper case before lower case', () => {
    const changes = compareAbusedLists(
      new Map(),
      new Map([
        ['b', ''],
        ['B', ''],
        ['a', ''],
      ]),
    );
    assert.deepEqual(changes.added, ['B', 'a', 'b']);
  });
});
