import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSummary } from '../../src/aggregate/index.js';
import { renderTally } from '../../src/render/tally.js';
import { createScanTally } from '../../src/scan/scan-tally.js';

function filesLine(skipped: Partial<ReturnType<typeof createScanTally>['skippedFiles']>): string {
  const scan = createScanTally();
  scan.filesScanned = 3;
  scan.bytesRead = 2048;
  Object.assign(scan.skippedFiles, skipped);
  const lines = renderTally({
    scan,
    events: createSummary().tally,
    identities: 0,
    withoutArn: new Map(),
    allIdentities: false,
    timeFiltered: false,
    elapsedSeconds: 0.1,
  });
  return lines[0]!.text;
}

describe('the tally names skipped files in the singular and the plural', () => {
  it('says one digest file and one file that is not a regular file', () => {
    assert.equal(
      filesLine({ digestFile: 1, notRegular: 1 }),
      'Files: 3 scanned (2.0 KiB), 2 skipped (1 digest file, 1 not a regular file)',
    );
  });
  it('says several digest files and several files that are not regular files', () => {
    assert.equal(
      filesLine({ digestFile: 1200, notRegular: 2, empty: 2 }),
      'Files: 3 scanned (2.0 KiB), 1,204 skipped (2 empty, 1,200 digest files, 2 not regular files)',
    );
  });
});
