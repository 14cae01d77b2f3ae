import assert from 'node:assert/strict';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { constants, createGzip, gzipSync } from 'node:zlib';
import { readLogFile } from '../../src/decode/index.js';
import { makeTempDir } from '../helpers.js';
import { decode } from './decoded.js';

const holdLimit = 64 * 1024 * 1024;
const records = Array.from({ length: 6 }, (_, i) => ({
  eventName: `Call${i}`,
  sourceIPAddress: `192.0.2.${i + 1}`,
  requestParameters: { note: `${i}`.repeat(200 + i * 37) },
}));
const recordsText = JSON.stringify({ Records: records });

/**
 * Gzips the Records document with a full flush after each event, so that the compressed bytes up
 * to `offsets[k]` decompress to exactly the text of events 0..k and nothing of the next one.
 */
async function gzipWithFlushPoints(): Promise<{ gzip: Buffer; offsets: number[] }> {
  const gzip = createGzip();
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const size = () => chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const flush = () => new Promise<void>((resolve) => gzip.flush(constants.Z_FULL_FLUSH, resolve));
  const offsets: number[] = [];
  for (const [index, record] of records.entries()) {
    gzip.write((index === 0 ? '{"Records":[' : ',') + JSON.stringify(record));
    await flush();
    offsets.push(size());
  }
  gzip.end(']}');
  await new Promise((resolve) => gzip.on('end', resolve));
  return { gzip: Buffer.concat(chunks), offsets };
}

describe('readLogFile', () => {
  const temp = makeTempDir();
  after(temp.remove);
  const write = (name: string, bytes: Buffer | string) => {
    const path = join(temp.path, name);
    writeFileSync(path, bytes);
    return path;
  };
  const read = (path: string) => {
    const fd = openSync(path, 'r');
    const content = readLogFile(fd, holdLimit);
    closeSync(fd);
    assert.ok(!('tooLargeToHold' in content), 'a small test file is read whole');
    return { ...decode(content.bytes), gzipProblem: content.gzipProblem };
  };

  for (const name of ['export.log', 'trail.txt', 'no-extension', 'events.json']) {
    it(`recognises gzip by its magic bytes in a file named ${name}`, () => {
      const path = write(name, gzipSync(recordsText));
      const result = read(path);
      assert.deepEqual(result.events, records);
      assert.equal(result.gzipProblem, undefined);
    });
  }

  it('reads a .gz file that is not gzip as plain text', () => {
    const result = read(write('plain.json.gz', recordsText));
    assert.deepEqual(result.events, records);
    assert.equal(result.gzipProblem, undefined);
  });

  it('reads every member of concatenated gzip streams, each one a document', () => {
    const path = write(
      'members.json.gz',
      Buffer.concat([
        gzipSync(JSON.stringify({ Records: records.slice(0, 2) })),
        gzipSync(JSON.stringify(records.slice(2, 4))),
        gzipSync(
          records
            .slice(4)
            .map((record) => JSON.stringify(record))
            .join('\n') + '\n',
        ),
      ]),
    );
    const result = read(path);
    assert.deepEqual(result.events, records);
    assert.deepEqual(result.problems, []);
    assert.equal(result.gzipProblem, undefined);
  });

  it('keeps the complete events before a cut in the gzip stream', async () => {
    const { gzip, offsets } = await gzipWithFlushPoints();
    for (const kept of [1, 3, 5]) {
      const cutInsideNextEvent = offsets[kept - 1]! + 7;
      const result = read(write(`cut-${kept}.json.gz`, gzip.subarray(0, cutInsideNextEvent)));
      assert.deepEqual(result.events, records.slice(0, kept), `cut after ${kept} events`);
      assert.equal(result.gzipProblem, 'gzip stream cut short');
      assert.deepEqual(result.problems, [{ line: 1, kind: 'damagedPart' }]);
    }
  });

  it('keeps every event when the stream is cut right after the last event', async () => {
    const { gzip, offsets } = await gzipWithFlushPoints();
    const result = read(write('cut-at-end.json.gz', gzip.subarray(0, offsets.at(-1))));
    assert.deepEqual(result.events, records);
    assert.equal(result.gzipProblem, 'gzip stream cut short');
  });

  it('reads nothing but reports the damage when the gzip header itself is cut', () => {
    const result = read(write('header-only.json.gz', gzipSync(recordsText).subarray(0, 6)));
    assert.deepEqual(result.events, []);
    assert.equal(result.gzipProblem, 'gzip stream cut short');
  });

  it('reports a checksum mismatch and keeps the data of a gzip with a bad CRC', () => {
    const gzip = Buffer.from(gzipSync(recordsText));
    gzip[gzip.length - 8]! ^= 0xff; // the first byte of the CRC-32 trailer
    const result = read(write('bad-crc.json.gz', gzip));
    assert.deepEqual(result.events, records);
    assert.equal(result.gzipProblem, 'gzip checksum mismatch');
  });

  // The output buffer is sized from the trailer, so sizes near the edges of that are worth a look.
  for (const length of [0, 1, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 3 * 16 * 1024]) {
    it(`gunzips exactly ${length} bytes of output`, () => {
      const body = 'x'.repeat(length);
      const fd = openSync(write(`exact-${length}.json.gz`, gzipSync(body)), 'r');
      const content = readLogFile(fd, holdLimit);
      closeSync(fd);
      assert.ok('bytes' in content);
      assert.equal(content.bytes.length, length);
      assert.equal(content.bytes.toString(), body);
    });
  }

  it('reads all members when the trailer, which counts only the last one, states far less', () => {
    const big = JSON.stringify({ Records: records });
    const gzip = Buffer.concat([gzipSync(big), gzipSync('\n')]);
    const result = read(write('small-last-member.json.gz', gzip));
    assert.deepEqual(result.events, records);
    assert.equal(result.gzipProblem, undefined);
  });

  it('reports a length mismatch in the gzip trailer the same way', () => {
    const gzip = Buffer.from(gzipSync(recordsText));
    gzip[gzip.length - 1]! ^= 0x01; // the last byte of the uncompressed-size trailer
    const result = read(write('bad-size.json.gz', gzip));
    assert.deepEqual(result.events, records);
    assert.equal(result.gzipProblem, 'gzip checksum mismatch');
  });
});
