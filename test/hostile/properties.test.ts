import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { decodeBytes, type RecordSink } from '../../src/decode/index.js';
import { IncrementalDecoder } from '../../src/decode/incremental-decoder.js';
import { buildReport } from '../../src/enrich/index.js';
import { renderCsv, renderJsonLines } from '../../src/render/index.js';
import { scanFiles, type ScanOptions } from '../../src/scan/index.js';
import { makeTempDir } from '../helpers.js';

/** Runs kept modest so that the whole file stays within a few seconds. */
const RUNS = { numRuns: 40 };
/** A hang fails the test instead of the suite. */
const TIMEOUT = { timeout: 60_000 };

/** Text a log value may hold: control, bidirectional and lone surrogate characters included. */
const hostileText = fc.oneof(
  fc.constantFrom('', '-', '=1+1', '\u001b[2J', '\u202eabc', '\ud800', 'a\tb\r\nc', '%s%d'),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const value = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const identity = fc.oneof(
  fc.record({ type: maybe(value), arn: maybe(value), accessKeyId: maybe(value) }),
  value,
);
const cloudTrailEvent = fc.record(
  {
    eventTime: fc.oneof(
      fc
        .integer({ min: 1_600_000_000, max: 1_800_000_000 })
        .map((s) => new Date(s * 1000).toISOString()),
      value,
    ),
    eventName: value,
    eventSource: value,
    awsRegion: value,
    sourceIPAddress: value,
    userAgent: value,
    errorCode: value,
    userIdentity: identity,
  },
  { requiredKeys: [] },
);

type Shape = 'records' | 'array' | 'lines' | 'lookup';
const shape = fc.constantFrom<Shape>('records', 'array', 'lines', 'lookup');

/** The events as the text of one file of the given shape. */
function fileText(events: readonly object[], kind: Shape): string {
  if (kind === 'records') return JSON.stringify({ Records: events });
  if (kind === 'array') return JSON.stringify(events);
  if (kind === 'lookup') {
    return JSON.stringify({ Events: events.map((e) => ({ CloudTrailEvent: JSON.stringify(e) })) });
  }
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}

const options: ScanOptions = {
  timeWindow: undefined,
  allIdentities: true,
  decodeLimits: { wholeParseBytes: 4096 },
  maxDecompressedBytes: 2 ** 40,
};

async function scanOf(paths: string[]) {
  const files = paths.map((path) => ({ path, size: 0 }));
  const { summary, tally } = await scanFiles(files, options, { count: 1, chosen: true });
  return { eventsRead: summary.tally.eventsRead, filesFound: tally.filesFound };
}

async function reportOf(paths: string[]): Promise<string> {
  const files = paths.map((path) => ({ path, size: 0 }));
  const { summary } = await scanFiles(files, options, { count: 1, chosen: true });
  const rows = buildReport(summary, {
    abusedList: new Map([['RunInstances', 'Launches compute']]),
    hideDescriptions: false,
    includeStsKeys: false,
  });
  return renderCsv(rows) + renderJsonLines(rows);
}

function collectingSink(): { sink: RecordSink; seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    seen,
    sink: { event: (e) => seen.push(e), skipped: (k) => seen.push(k), malformedRecord: () => {} },
  };
}

describe('properties of the decoder and the report', () => {
  const temp = makeTempDir();
  after(temp.remove);
  let runs = 0;
  const folder = () => {
    const path = join(temp.path, String(++runs));
    mkdirSync(path);
    return path;
  };

  it(
    'reports events split over files of any shape as it reports them in one file',
    TIMEOUT,
    async () => {
      const part = fc.record({
        events: fc.array(cloudTrailEvent, { maxLength: 6 }),
        shape,
        gzip: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(part, { minLength: 1, maxLength: 4 }), async (parts) => {
          const dir = folder();
          const paths = parts.map((p, i) => {
            const text = fileText(p.events, p.shape);
            const path = join(dir, `part-${i}.json${p.gzip ? '.gz' : ''}`);
            writeFileSync(path, p.gzip ? gzipSync(text) : text);
            return path;
          });
          const all = join(dir, 'all.json');
          writeFileSync(
            all,
            fileText(
              parts.flatMap((p) => p.events),
              'records',
            ),
          );
          assert.equal(await reportOf(paths), await reportOf([all]));
        }),
        RUNS,
      );
    },
  );

  it(
    'survives random damage to one file without losing the events of the others',
    TIMEOUT,
    async () => {
      const damage = fc.oneof(
        fc.record({
          kind: fc.constant('flip' as const),
          at: fc.nat(),
          bits: fc.integer({ min: 1, max: 255 }),
        }),
        fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
        fc.record({
          kind: fc.constant('insert' as const),
          at: fc.nat(),
          bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(cloudTrailEvent, { minLength: 1, maxLength: 6 }),
          shape,
          fc.boolean(),
          fc.array(damage, { minLength: 1, maxLength: 3 }),
          fc.array(cloudTrailEvent, { maxLength: 4 }),
          async (events, kind, gzip, damages, others) => {
            const text = fileText(events, kind);
            let bytes: Buffer = gzip ? gzipSync(text) : Buffer.from(text);
            for (const d of damages) bytes = applyDamage(bytes, d);
            const dir = folder();
            writeFileSync(join(dir, 'a-damaged.json'), bytes);
            writeFileSync(join(dir, 'b-other.json'), fileText(others, 'records'));
            const { sink } = collectingSink();
            decodeBytes(bytes, sink, { wholeParseBytes: 64 }); // never throws
            const damaged = join(dir, 'a-damaged.json');
            const other = join(dir, 'b-other.json');
            const [both, damagedAlone] = [await scanOf([damaged, other]), await scanOf([damaged])];
            assert.equal(both.eventsRead, damagedAlone.eventsRead + others.length);
            assert.equal(both.filesFound, 2);
          },
        ),
        RUNS,
      );
    },
  );

  it('decodes the same events whatever the chunks the bytes arrive in', TIMEOUT, () => {
    const document = fc.oneof(
      fc
        .array(cloudTrailEvent, { maxLength: 5 })
        .chain((events) => shape.map((k) => fileText(events, k))),
      fc.constantFrom(
        '{"Records":[{"a":1},{"b":',
        '[1,{"c":"\\u',
        '{x\n',
        '  \n',
        '"str"\n',
        'nul',
        // Event lists damaged part-way, one element a line, closed or cut off.
        '{"Records":[\n{"a":1},\n{"b":},\n{"c":1},\n{\n"d":2}\n]}',
        '[\r\n{"a":1},\r\n{"b"x},\r\n{"c":1},\r\n{"d":',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(document, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (documents, sizes) => {
          const bytes = Buffer.from(documents.join('\n'));
          const whole = collectingSink();
          const wholeDecoder = new IncrementalDecoder(whole.sink, 256);
          wholeDecoder.push(bytes);
          wholeDecoder.end();
          const chunked = collectingSink();
          const chunkedDecoder = new IncrementalDecoder(chunked.sink, 256);
          for (let at = 0, i = 0; at < bytes.length; i++) {
            const size = sizes[i % sizes.length]!;
            chunkedDecoder.push(bytes.subarray(at, at + size));
            at += size;
          }
          chunkedDecoder.end();
          assert.deepEqual(chunked.seen, whole.seen);
          assert.deepEqual(chunkedDecoder.problemCounts, wholeDecoder.problemCounts);
          assert.deepEqual(chunkedDecoder.problems, wholeDecoder.problems);
        },
      ),
      { numRuns: 200 },
    );
  });
});

type Damage =
  | { kind: 'flip'; at: number; bits: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array };

function applyDamage(bytes: Buffer, damage: Damage): Buffer {
  if (bytes.length === 0) return bytes;
  const at = damage.at % bytes.length;
  if (damage.kind === 'cut') return bytes.subarray(0, at);
  if (damage.kind === 'insert') {
    return Buffer.concat([bytes.subarray(0, at), damage.bytes, bytes.subarray(at)]);
  }
  const copy = Buffer.from(bytes);
  copy[at]! ^= damage.bits;
  return copy;
}
