import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, createWriteStream, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scanFiles, type ScanOptions } from '../../src/scan/index.js';
import { makeTempDir } from '../helpers.js';
import {
  ALICE,
  BOB,
  event,
  jsonLinesText,
  recordsText,
  rowsOf,
  runOnBothPaths,
  runTrailscope,
  sizeText,
  tallyLines,
  writeTree,
} from './hostile-helpers.js';

const TIMEOUT = { timeout: 60_000 };
const NOT_REGULAR = 'not a regular file (FIFO, socket or device); skipped';

/**
 * setpriv runs the CLI without the capabilities that let root read anything, so that permission
 * bits apply to it; without setpriv (or not as root) those cases cannot be made and are skipped.
 */
const DROP_ROOT_READ = ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--'];
const canDropRootRead =
  process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;

describe('entries that cannot be read', () => {
  const temp = makeTempDir();
  after(() => {
    spawnSync('chmod', ['-R', 'u+rwx', temp.path]);
    temp.remove();
  });
  const good = recordsText([event(ALICE, 1)]);
  const also = recordsText([event(BOB, 1)]);
  writeTree(temp.path, {
    'tree/good.json': good,
    'tree/sub/also.json': also,
  });
  const tree = (name: string) => join(temp.path, 'tree', name);
  // As root, permission bits do not stop reads, so each entry fails another way:
  symlinkSync('nowhere.json', tree('dangling.json')); // a link to nothing: ENOENT
  symlinkSync('loopb.json', tree('loopa.json')); // links that point at each other: ELOOP
  symlinkSync('loopa.json', tree('loopb.json'));
  symlinkSync('..', tree('sub/up')); // a folder loop: each real folder is entered once
  symlinkSync('x'.repeat(300), tree('long.json')); // a 300-byte name: ENAMETOOLONG
  symlinkSync('/proc/self/mem', tree('mem.json')); // a regular file whose read fails: EIO
  execFileSync('mkfifo', [tree('fifo.json')]); // a FIFO would block a plain open forever
  symlinkSync('fifo.json', tree('fifolink.json'));

  it('reports each with its reason and reads the rest, without hanging', TIMEOUT, async () => {
    const result = await runOnBothPaths(['aws-ct-summary', '-q', '-d', 'tree', '-t', 'jsonl'], {
      cwd: temp.path,
      timeoutMs: 20_000,
    });
    assert.equal(result.status, 0);
    assert.deepEqual(rowsOf(result.stdout), [
      [ALICE, 1],
      [BOB, 1],
    ]);
    assert.deepEqual(tallyLines(result.stderr), [
      '[!] Problems with the input (7):',
      '    tree/dangling.json: broken symbolic link, or removed during the scan',
      `    tree/fifo.json: ${NOT_REGULAR}`,
      `    tree/fifolink.json: ${NOT_REGULAR}`,
      '    tree/long.json: cannot be read (ENAMETOOLONG)',
      '    tree/loopa.json: symbolic link loop',
      '    tree/loopb.json: symbolic link loop',
      '    tree/mem.json: cannot be read (EIO)',
      `[+] Files: 2 scanned (${sizeText(good.length + also.length)}), 7 skipped (5 unreadable, 2 not regular files)`,
      '[+] Events: 2 read, 2 summarised into 2 identities',
    ]);
  });

  it(
    'reports a folder and a file that permissions forbid',
    { ...TIMEOUT, skip: canDropRootRead ? false : 'needs root and setpriv' },
    async () => {
      writeTree(temp.path, {
        'perm/locked/in.json': good,
        'perm/secret.json': good,
        'perm/ok.json': good,
      });
      chmodSync(join(temp.path, 'perm/locked'), 0o000);
      chmodSync(join(temp.path, 'perm/secret.json'), 0o000);
      const result = await runOnBothPaths(['aws-ct-summary', '-q', '-d', 'perm', '-t', 'jsonl'], {
        cwd: temp.path,
        wrapper: DROP_ROOT_READ,
      });
      assert.deepEqual(rowsOf(result.stdout), [[ALICE, 1]]);
      assert.deepEqual(tallyLines(result.stderr), [
        '[!] Problems with the input (2):',
        '    perm/locked: directory cannot be read (EACCES)',
        '    perm/secret.json: cannot be read (EACCES)',
        `[+] Files: 1 scanned (${sizeText(good.length)}), 2 skipped (2 unreadable)`,
        '[+] Events: 1 read, 1 summarised into 1 identity',
      ]);
    },
  );

  it('reads a FIFO named with -f as a stream, as for -f <(zcat …)', TIMEOUT, async () => {
    const fifo = join(temp.path, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    writer.end(jsonLinesText([event(ALICE, 1), event(ALICE, 2)]));
    const result = await runTrailscope(['aws-ct-summary', '-q', '-f', 'pipe.json', '-t', 'jsonl'], {
      cwd: temp.path,
      timeoutMs: 20_000,
    });
    assert.deepEqual(rowsOf(result.stdout), [[ALICE, 2]]);
  });
});

describe('files that change between the walk and the scan', () => {
  const temp = makeTempDir();
  after(temp.remove);
  const options: ScanOptions = {
    timeWindow: undefined,
    allIdentities: false,
    // Anything larger than 1 KiB is streamed, so a file that grows past it changes path.
    decodeLimits: { wholeParseBytes: 1024 },
    maxDecompressedBytes: 2 ** 40,
  };

  for (const threads of [1, 2]) {
    it(
      `scans what is there when it is read (${threads} thread${threads > 1 ? 's' : ''})`,
      TIMEOUT,
      async () => {
        const dir = join(temp.path, `t${threads}`);
        const small = recordsText([event(ALICE, 1)]);
        writeTree(dir, {
          'vanished.json': small,
          'grown.json': small,
          'fifo.json': small,
          'kept.json': small,
        });
        // As the walk found them: four small regular files.
        const found = ['fifo.json', 'grown.json', 'kept.json', 'vanished.json'].map((name) => ({
          path: join(dir, name),
          size: small.length,
        }));
        rmSync(join(dir, 'vanished.json'));
        const grown = jsonLinesText(Array.from({ length: 40 }, (_, i) => event(BOB, i % 60)));
        appendFileSync(join(dir, 'grown.json'), grown);
        rmSync(join(dir, 'fifo.json'));
        execFileSync('mkfifo', [join(dir, 'fifo.json')]);

        const { summary, tally } = await scanFiles(found, options, {
          count: threads,
          chosen: true,
        });
        assert.equal(summary.identities.get(ALICE)?.events, 2); // kept.json and grown.json
        assert.equal(summary.identities.get(BOB)?.events, 40);
        assert.equal(tally.filesScanned, 2);
        assert.equal(tally.bytesRead, small.length * 2 + grown.length);
        assert.deepEqual(tally.skippedFiles, {
          unreadable: 1,
          notJson: 0,
          empty: 0,
          tooLarge: 0,
          digestFile: 0,
          notRegular: 1,
        });
        assert.deepEqual(
          tally.problems.map((p) => `${p.path.slice(dir.length + 1)}: ${p.message}`).sort(),
          [`fifo.json: ${NOT_REGULAR}`, 'vanished.json: removed during the scan'],
        );
      },
    );
  }
});
