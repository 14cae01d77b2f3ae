import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { makeTempDir } from '../helpers.js';
import {
  ALICE,
  BOB,
  event,
  jsonLinesText,
  recordsOf,
  recordsText,
  rowsOf,
  runOnBothPaths,
  sizeText,
  tallyLines,
  writeTree,
} from './hostile-helpers.js';

const TIMEOUT = { timeout: 60_000 };

describe('damaged and odd JSON input', () => {
  const temp = makeTempDir();
  after(temp.remove);
  let tree = 0;
  /** Scans a fresh tree of these files with both thread counts; `-q`, JSON-lines report. */
  const scanTree = (files: Record<string, string | Buffer>, flags: string[] = []) => {
    const root = `tree-${++tree}`;
    writeTree(
      temp.path,
      Object.fromEntries(Object.entries(files).map(([k, v]) => [`${root}/${k}`, v])),
    );
    const run = runOnBothPaths(['aws-ct-summary', '-q', '-d', root, '-t', 'jsonl', ...flags], {
      cwd: temp.path,
    });
    return { root, run };
  };
  const good = recordsText([event(BOB, 1)]);
  const goodSize = Buffer.byteLength(good);

  it('skips a zero-byte file and a file of only whitespace as empty', TIMEOUT, async () => {
    const { root, run } = scanTree({ 'a.json': '', 'b.json': ' \n\t\r\n  ', 'c.json': good });
    const result = await run;
    assert.equal(result.status, 0);
    assert.deepEqual(rowsOf(result.stdout), [[BOB, 1]]);
    assert.deepEqual(tallyLines(result.stderr), [
      '[!] Problems with the input (2):',
      `    ${root}/a.json: empty file; skipped`,
      `    ${root}/b.json: empty file; skipped`,
      // The bytes read count the skipped files too.
      `[+] Files: 1 scanned (${sizeText(goodSize + 7)}), 2 skipped (2 empty)`,
      '[+] Events: 1 read, 1 summarised into 1 identity',
    ]);
  });

  for (const shape of ['Records', 'JSON lines'] as const) {
    it(`keeps an event with invalid UTF-8 in a value, as U+FFFD (${shape})`, TIMEOUT, async () => {
      const [before, after] = (shape === 'Records' ? recordsText : jsonLinesText)([
        event(ALICE, 1, { userAgent: 'agent-SPLIT-x' }),
        event(ALICE, 2),
      ]).split('SPLIT');
      const bytes = Buffer.concat([
        Buffer.from(before!),
        Buffer.from([0xff, 0xc3, 0x28]), // a byte never valid, then a lead byte without its tail
        Buffer.from(after!),
      ]);
      const { root, run } = scanTree({ 'bad-utf8.json': bytes });
      const result = await run;
      const [row] = recordsOf(result.stdout);
      const agents = (row!.user_agents as { value: string }[]).map((entry) => entry.value);
      assert.deepEqual(agents.sort(), ['agent-\ufffd\ufffd(-x', 'aws-cli/2.15.0']);
      assert.deepEqual(tallyLines(result.stderr), [
        '[!] Problems with the input (1):',
        `    ${root}/bad-utf8.json: invalid UTF-8 bytes, read as U+FFFD`,
        `[+] Files: 1 scanned (${sizeText(bytes.length)})`,
        '[+] Events: 2 read, 2 summarised into 1 identity',
        '[!] Damaged input (good parts were read): 1 file with invalid UTF-8',
      ]);
    });
  }

  it('keeps the complete events of a Records array cut off mid-event', TIMEOUT, async () => {
    const events = Array.from({ length: 8 }, (_, i) => event(ALICE, i));
    const text = recordsText(events);
    const cut = text.slice(0, text.indexOf(JSON.stringify(events[5])) + 40);
    const { root, run } = scanTree({ 'cut.json': cut, 'good.json': good });
    const result = await run;
    assert.deepEqual(rowsOf(result.stdout), [
      [ALICE, 5],
      [BOB, 1],
    ]);
    assert.deepEqual(tallyLines(result.stderr), [
      '[!] Problems with the input (1):',
      `    ${root}/cut.json:1: cut off; 5 events before the fault kept`,
      `[+] Files: 2 scanned (${sizeText(cut.length + goodSize)})`,
      '[+] Events: 6 read, 6 summarised into 2 identities',
      '[!] Damaged input (good parts were read): 1 damaged part',
    ]);
  });

  it(
    'counts the rest of a one-event-per-line Records document damaged mid-way as one part',
    TIMEOUT,
    async () => {
      const events = Array.from({ length: 6 }, (_, i) => event(ALICE, i));
      const text = recordsText(events).replace(JSON.stringify(events[2]), '{"eventName":}');
      const { root, run } = scanTree({ 'mid.json': text });
      const result = await run;
      assert.deepEqual(rowsOf(result.stdout), [[ALICE, 2]]);
      assert.deepEqual(tallyLines(result.stderr), [
        '[!] Problems with the input (1):',
        `    ${root}/mid.json:1: not valid JSON; 2 events before the fault kept`,
        `[+] Files: 1 scanned (${sizeText(text.length)})`,
        '[+] Events: 2 read, 2 summarised into 1 identity',
        '[!] Damaged input (good parts were read): 1 damaged part',
      ]);
    },
  );

  it('costs a broken JSON line that line only', TIMEOUT, async () => {
    const lines = jsonLinesText([event(ALICE, 1), event(ALICE, 2)]).split('\n');
    const text = [
      lines[0],
      '{"eventTime": "2024-03-01T10:00:09Z", "userIdentity": {',
      lines[1],
      '',
    ].join('\n');
    const { root, run } = scanTree({ 'lines.jsonl': text });
    const result = await run;
    assert.deepEqual(rowsOf(result.stdout), [[ALICE, 2]]);
    assert.deepEqual(tallyLines(result.stderr), [
      '[!] Problems with the input (1):',
      `    ${root}/lines.jsonl:2: not valid JSON`,
      `[+] Files: 1 scanned (${sizeText(text.length)})`,
      '[+] Events: 2 read, 2 summarised into 1 identity',
      '[!] Damaged input (good parts were read): 1 malformed line',
    ]);
  });

  it('keeps the last value of a duplicated key, whole and in a damaged file', TIMEOUT, async () => {
    const duplicated =
      '{"eventTime":"2024-03-01T10:00:00Z","eventName":"A","eventName":"RunInstances",' +
      `"userIdentity":{"type":"IAMUser","arn":"${BOB}","arn":"${ALICE}"}}`;
    const { run } = scanTree({
      'whole.json': `{"Records":[${duplicated}]}`,
      'damaged.json': `{"Records":[${duplicated},\n{"eventName":`,
    });
    const result = await run;
    const [row, ...rest] = recordsOf(result.stdout);
    assert.equal(rest.length, 0);
    assert.equal(row!.user_arn, ALICE);
    assert.equal(row!.num_of_events, 2);
    const apis = [...(row!.abused_apis_success as []), ...(row!.other_apis_success as [])];
    assert.deepEqual(
      apis.map((api: { event_name: string; count: number }) => [api.event_name, api.count]),
      [['RunInstances', 2]],
    );
  });

  it(
    'counts an event whose userIdentity is a string or an array as without an ARN',
    TIMEOUT,
    async () => {
      const files = {
        'odd.json': recordsText([
          event(ALICE, 1, { userIdentity: ALICE }),
          event(ALICE, 2, { userIdentity: [{ arn: ALICE }] }),
          event(ALICE, 3),
        ]),
      };
      const byDefault = await scanTree(files).run;
      assert.deepEqual(rowsOf(byDefault.stdout), [[ALICE, 1]]);
      assert.deepEqual(tallyLines(byDefault.stderr).slice(1), [
        '[+] Events: 3 read, 1 summarised into 1 identity',
        '[!] 2 events without an ARN (Unknown: 2) left out; add --all-identities to summarise them',
      ]);
      const all = await scanTree(files, ['--all-identities']).run;
      assert.deepEqual(rowsOf(all.stdout), [
        ['Unknown:-', 2],
        [ALICE, 1],
      ]);
    },
  );

  it(
    'summarises events whose eventTime is a number or nonsense without a time',
    TIMEOUT,
    async () => {
      const files = {
        'times.json': recordsText([
          event(ALICE, 5),
          event(ALICE, 0, { eventTime: 1709287200 }),
          event(ALICE, 0, { eventTime: '2024-02-30T10:00:00Z' }),
          event(ALICE, 0, { eventTime: { $date: 'yesterday' } }),
        ]),
      };
      const result = await scanTree(files).run;
      const [row] = recordsOf(result.stdout);
      assert.equal(row!.num_of_events, 4);
      assert.equal(row!.first_timestamp, '2024-03-01T10:00:05Z');
      assert.equal(row!.last_timestamp, '2024-03-01T10:00:05Z');
      assert.deepEqual(tallyLines(result.stderr).slice(1), [
        '[+] Events: 4 read, 4 summarised into 1 identity',
        '[!] 3 events without a parseable eventTime summarised without a time',
      ]);

      const windowed = await scanTree(files, ['--timeline-start', '2024-03-01']).run;
      assert.deepEqual(rowsOf(windowed.stdout), [[ALICE, 1]]);
      assert.deepEqual(tallyLines(windowed.stderr).slice(1), [
        '[+] Events: 4 read, 1 summarised into 1 identity',
        '[+] Time window: 0 events outside it left out',
        '[!] 3 events without a parseable eventTime left out by the time window',
      ]);
    },
  );
});
