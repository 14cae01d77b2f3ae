import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NAMES_SHOWN, renderListUpdate, type ListUpdateFacts } from '../../src/render/index.js';

const base: ListUpdateFacts = {
  source: 'https://mirror.example.internal/list.csv',
  path: '/home/ana/.config/trailscope/abused_aws_api_calls.csv',
  entries: 1,
  written: true,
  baseline: { origin: 'synced', entries: 1 },
  changes: { added: [], removed: [], descriptionChanged: [] },
};

describe('renderListUpdate', () => {
  it('lists at most 20 names per change and counts the rest', () => {
    const added = Array.from({ length: 23 }, (_, i) => `Api${String(i).padStart(2, '0')}`);
    const lines = renderListUpdate({
      ...base,
      entries: 1500,
      baseline: { origin: 'bundled', entries: 1477 },
      changes: { added, removed: [], descriptionChanged: [] },
    });

    assert.equal(NAMES_SHOWN, 20);
    assert.deepEqual(lines, [
      'Saved 1,500 entries from https://mirror.example.internal/list.csv to /home/ana/.config/trailscope/abused_aws_api_calls.csv.',
      'Changes from the bundled list (1,477 entries) used until now:',
      `  Added (23): ${added.slice(0, 20).join(', ')}, and 3 more`,
    ]);
  });

  it('says "entry" for a list of one', () => {
    assert.deepEqual(renderListUpdate({ ...base, written: false }), [
      'The synced copy /home/ana/.config/trailscope/abused_aws_api_calls.csv is already current ' +
        '(1 entry from https://mirror.example.internal/list.csv): nothing changed.',
    ]);
  });

  it('shows control characters in names from a hand-edited old list as visible escapes', () => {
    const lines = renderListUpdate({
      ...base,
      changes: { added: [], removed: ['Evil\u001b[2J'], descriptionChanged: [] },
    });
    assert.equal(lines.at(-1), '  Removed (1): Evil\\u001b[2J');
  });
});
