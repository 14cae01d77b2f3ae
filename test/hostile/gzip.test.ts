import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { constants, createGzip, gzipSync } from 'node:zlib';
import { decodeStream, type RecordSink } from '../../src/decode/index.js';
import { makeTempDir } from '../helpers.js';
import {
  ALICE,
  BOB,
  event,
  jsonLinesText,
  recordsText,
  rowsOf,
  runOnBothPaths,
  sizeText,
  tallyLines,
  writeTree,
} from './hostile-helpers.js';

const TIMEOUT = { timeout: 60_000 };

/** Twelve events of Alice, each with its own request id so that they do not compress to nothing. */
const events = Array.from({ length: 12 }, (_, i) =>
  event(ALICE, i, { requestID: `req-${i}-${'abcdefghij'.repeat(i + 1)}` }),
);

/**
 * A gzip stream of the Records document cut a few bytes past a full flush made right after the
 * fifth event and its comma: exactly five events are complete in what can be decompressed.
 */
async function gzipCutAfterFiveEvents(): Promise<Buffer> {
  const text = recordsText(events);
  const cut = text.indexOf(JSON.stringify(events[5]));
  const gzip = createGzip();
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  gzip.write(text.slice(0, cut));
  await new Promise<void>((resolve) => gzip.flush(constants.Z_FULL_FLUSH, () => resolve()));
  const flushedLength = Buffer.concat(chunks).length;
  gzip.end(text.slice(cut));
  await once(gzip, 'end');
  return Buffer.concat(chunks).subarray(0, flushedLength + 20);
}

describe('damaged gzip input', () => {
  const temp = makeTempDir();
  after(temp.remove);
  const summarise = (input: string, stdin?: Buffer) =>
    runOnBothPaths(['aws-ct-summary', '-q', '-f', input, '-t', 'jsonl'], {
      cwd: temp.path,
      stdin,
    });

  it('keeps the events before the cut of a gzip stream cut mid-way', TIMEOUT, async () => {
    const cut = await gzipCutAfterFiveEvents();
    writeTree(temp.path, { 'cut.json.gz': cut });
    const result = await summarise('cut.json.gz');
    assert.equal(result.status, 0);
    assert.deepEqual(rowsOf(result.stdout), [[ALICE, 5]]);
    assert.deepEqual(tallyLines(result.stderr), [
      '[!] Problems with the input (2):',
      '    cut.json.gz: gzip stream cut short; the data before the damage was read',
      '    cut.json.gz:1: cut off; 5 events before the fault kept',
      `[+] Files: 1 scanned (${sizeText(cut.length)})`,
      '[+] Events: 5 read, 5 summarised into 1 identity',
      '[!] Damaged input (good parts were read): 1 damaged part, 1 damaged gzip file',
    ]);
  });

  it('keeps the same events of the cut stream read from standard input', TIMEOUT, async () => {
    const cut = await gzipCutAfterFiveEvents();
    const result = await summarise('-', cut);
    assert.deepEqual(rowsOf(result.stdout), [[ALICE, 5]]);
    assert.deepEqual(tallyLines(result.stderr).slice(1, 3), [
      '    <stdin>: gzip stream cut short; the data before the damage was read',
      '    <stdin>:1: cut off; 5 events before the fault kept',
    ]);
  });

  it('keeps the events before the cut when the stream is decoded as a stream', async () => {
    // Files too large to hold take this path; small limits make a small input take it too.
    const cut = await gzipCutAfterFiveEvents();
    const seen: unknown[] = [];
    const sink: RecordSink = { event: (e) => seen.push(e), skipped() {}, malformedRecord() {} };
    const result = await decodeStream({ stream: Readable.from([cut]) }, sink, {
      wholeParseBytes: 64,
      maxDecompressedBytes: 2 ** 40,
    });
    assert.equal(seen.length, 5);
    assert.equal(result.gzipProblem, 'gzip stream cut short');
  });

  it('reads every event of a file whose gzip checksum is wrong', TIMEOUT, async () => {
    const gzip = gzipSync(recordsText(events));
    gzip[gzip.length - 8]! ^= 0xff; // the first byte of the CRC-32 trailer
    writeTree(temp.path, { 'bad-crc.json.gz': gzip });
    const result = await summarise('bad-crc.json.gz');
    assert.equal(result.status, 0);
    assert.deepEqual(rowsOf(result.stdout), [[ALICE, 12]]);
    assert.deepEqual(tallyLines(result.stderr), [
      '[!] Problems with the input (1):',
      '    bad-crc.json.gz: gzip checksum mismatch; the data before the damage was read',
      `[+] Files: 1 scanned (${sizeText(gzip.length)})`,
      '[+] Events: 12 read, 12 summarised into 1 identity',
      '[!] Damaged input (good parts were read): 1 damaged gzip file',
    ]);
  });

  it('reads every member of concatenated gzip members, without a problem', TIMEOUT, async () => {
    const members = Buffer.concat([
      gzipSync(jsonLinesText(events.slice(0, 4))),
      gzipSync(recordsText([event(BOB, 1), event(BOB, 2)])),
      gzipSync(jsonLinesText(events.slice(4))),
    ]);
    writeTree(temp.path, { 'members.json.gz': members });
    const result = await summarise('members.json.gz');
    assert.deepEqual(rowsOf(result.stdout), [
      [ALICE, 12],
      [BOB, 2],
    ]);
    assert.deepEqual(tallyLines(result.stderr), [
      `[+] Files: 1 scanned (${sizeText(members.length)})`,
      '[+] Events: 14 read, 14 summarised into 2 identities',
    ]);
  });

  it(
    'keeps a gzip member followed by junk, from a file and from standard input',
    TIMEOUT,
    async () => {
      const bytes = Buffer.concat([
        gzipSync(jsonLinesText(events.slice(0, 3))),
        Buffer.from('junk'),
      ]);
      writeTree(temp.path, { 'junk.json.gz': bytes });
      for (const [input, name] of [
        ['junk.json.gz', 'junk.json.gz'],
        ['-', '<stdin>'],
      ] as const) {
        const result = await summarise(input, bytes);
        assert.deepEqual(rowsOf(result.stdout), [[ALICE, 3]]);
        assert.deepEqual(tallyLines(result.stderr), [
          '[!] Problems with the input (1):',
          `    ${name}: corrupt gzip (incorrect header check); the data before the damage was read`,
          `[+] Files: 1 scanned (${sizeText(bytes.length)})`,
          '[+] Events: 3 read, 3 summarised into 1 identity',
          '[!] Damaged input (good parts were read): 1 damaged gzip file',
        ]);
      }
    },
  );

  it('reports a file of only a gzip header, and reads its neighbours', TIMEOUT, async () => {
    const header = gzipSync('').subarray(0, 10);
    writeTree(temp.path, {
      'tree/a-header.json.gz': header,
      'tree/b-good.json': recordsText([event(BOB, 1)]),
    });
    const result = await runOnBothPaths(['aws-ct-summary', '-q', '-d', 'tree', '-t', 'jsonl'], {
      cwd: temp.path,
    });
    assert.deepEqual(rowsOf(result.stdout), [[BOB, 1]]);
    const good = readFileSync(join(temp.path, 'tree/b-good.json')).length;
    assert.deepEqual(tallyLines(result.stderr), [
      '[!] Problems with the input (1):',
      '    tree/a-header.json.gz: gzip stream cut short; the data before the damage was read',
      `[+] Files: 2 scanned (${sizeText(header.length + good)})`,
      '[+] Events: 1 read, 1 summarised into 1 identity',
      '[!] Damaged input (good parts were read): 1 damaged gzip file',
    ]);
  });
});
