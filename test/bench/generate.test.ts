import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { generateCorpus, loadTemplates, type CorpusOptions } from '../../bench/generate/index.js';
import { UserError } from '../../src/errors.js';
import type { CloudTrailEvent } from '../../src/model.js';
import { fixturePath, makeTempDir } from '../helpers.js';

const templates = loadTemplates(fixturePath('bench-templates'));

/** Small corpora: a few hundred events keep every case well under a second. */
function options(overrides: Partial<CorpusOptions>): CorpusOptions {
  return {
    templates,
    events: 300,
    identities: 20,
    accounts: 1,
    perFile: { min: 10, max: 40 },
    startMs: Date.parse('2024-01-01T00:00:00Z'),
    days: 2,
    errorRate: 0.1,
    seed: 'test',
    gzipLevel: 1,
    ...overrides,
  };
}

/** Every file under `root` by relative path, with its bytes. */
function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  visit(root);
  return files;
}

function eventsIn(bytes: Buffer): CloudTrailEvent[] {
  const text = (bytes[0] === 0x1f ? gunzipSync(bytes) : bytes).toString('utf8');
  return (JSON.parse(text) as { Records: CloudTrailEvent[] }).Records;
}

function countBy(events: CloudTrailEvent[], key: (event: CloudTrailEvent) => unknown) {
  const counts = new Map<unknown, number>();
  for (const event of events) counts.set(key(event), (counts.get(key(event)) ?? 0) + 1);
  return counts;
}

const arnOf = (event: CloudTrailEvent) => (event.userIdentity as { arn: string }).arn;

describe('the benchmark corpus generator', () => {
  const temp = makeTempDir();
  after(temp.remove);
  let runs = 0;
  const freshPath = (name: string) => join(temp.path, `${++runs}-${name}`);

  it('writes byte-identical trees from the same options and templates', async () => {
    const [first, second] = [freshPath('tree'), freshPath('tree')];
    await generateCorpus(options({ out: first }));
    await generateCorpus(options({ out: second }));
    const [a, b] = [readTree(first), readTree(second)];
    assert.ok(a.size > 5);
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [path, bytes] of a) assert.ok(bytes.equals(b.get(path) as Buffer), path);
  });

  it('writes byte-identical single files from the same options', async () => {
    const [first, second] = [freshPath('one.json.gz'), freshPath('one.json.gz')];
    await generateCorpus(options({ singleFile: first }));
    await generateCorpus(options({ singleFile: second }));
    assert.ok(readFileSync(first).equals(readFileSync(second)));
  });

  it('writes another corpus for another seed', async () => {
    const [first, second] = [freshPath('one.json'), freshPath('one.json')];
    await generateCorpus(options({ singleFile: first }));
    await generateCorpus(options({ singleFile: second, seed: 'other' }));
    assert.ok(!readFileSync(first).equals(readFileSync(second)));
  });

  it('writes the requested number of events from exactly --identities identities', async () => {
    const out = freshPath('tree');
    const result = await generateCorpus(options({ out, events: 500, identities: 37 }));
    const events = [...readTree(out).values()].flatMap(eventsIn);
    assert.equal(events.length, 500);
    assert.equal(result.events, 500);
    assert.equal(countBy(events, arnOf).size, 37);
  });

  it('names files as CloudTrail delivers them, one region per file', async () => {
    const out = freshPath('tree');
    await generateCorpus(options({ out }));
    for (const [path, bytes] of readTree(out)) {
      const match =
        /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z0-9-]+)\/\d{4}\/\d{2}\/\d{2}\/\1_CloudTrail_\2_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/.exec(
          path,
        );
      assert.ok(match, path);
      assert.deepEqual(
        new Set(eventsIn(bytes).map((event) => event.awsRegion)),
        new Set([match[2]]),
      );
    }
  });

  it('holds the same calls in a single file as in a tree built with the same options', async () => {
    const [out, single] = [freshPath('tree'), freshPath('one.json.gz')];
    await generateCorpus(options({ out }));
    await generateCorpus(options({ singleFile: single }));
    const fromTree = [...readTree(out).values()].flatMap(eventsIn);
    const fromFile = eventsIn(readFileSync(single));
    assert.equal(fromFile.length, fromTree.length);
    assert.deepEqual(countBy(fromFile, arnOf), countBy(fromTree, arnOf));
    assert.deepEqual(
      countBy(fromFile, (e) => e.eventName),
      countBy(fromTree, (e) => e.eventName),
    );
    assert.deepEqual(
      countBy(fromFile, (e) => e.errorCode),
      countBy(fromTree, (e) => e.errorCode),
    );
  });

  it('writes 0 to 3 events per file in tiny-files mode', async () => {
    const out = freshPath('tiny');
    await generateCorpus(options({ out, events: 200, perFile: { min: 0, max: 3 } }));
    const counts = [...readTree(out).values()].map((bytes) => eventsIn(bytes).length);
    assert.equal(
      counts.reduce((sum, n) => sum + n, 0),
      200,
    );
    assert.ok(counts.length > 200 / 3);
    assert.ok(counts.every((n) => n <= 3));
    assert.ok(counts.includes(0));
  });

  it('stops a single file sized by --gib just past the size, as valid JSON', async () => {
    const path = freshPath('sized.json');
    const target = 0.0005 * 1024 ** 3;
    const result = await generateCorpus(
      options({ singleFile: path, events: undefined, gib: 0.0005 }),
    );
    const bytes = readFileSync(path);
    assert.equal(bytes.length, result.bytes);
    assert.ok(bytes.length >= target && bytes.length < target + 10_000);
    assert.equal(eventsIn(bytes).length, result.events);
  });

  it('uses only real calls as templates, not digests or Insights events', () => {
    const names = templates.records.map((record) => record.eventName).sort();
    assert.deepEqual(names, ['ConsoleLogin', 'GetCallerIdentity', 'ListBuckets']);
    assert.equal(templates.filesWithoutRecords, 1);
  });

  it('refuses more identities than events, before writing anything', async () => {
    await assert.rejects(
      generateCorpus(options({ out: freshPath('tree'), events: 5, identities: 6 })),
      (error) => error instanceof UserError && /--identities 6/.test(error.message),
    );
  });
});
