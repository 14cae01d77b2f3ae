import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { compactJson } from '../../src/aggregate/index.js';
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

const TIMEOUT = { timeout: 120_000 };
const ESC = '\u001b';

/** `{"a":{"a":…1…}}` and `[[…[]…]]`, `depth` levels deep, as text and as the value. */
function deepObjectText(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
function deepArrayText(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('huge and deeply nested input', () => {
  const temp = makeTempDir();
  after(temp.remove);

  describe('a 50 MB user agent carrying terminal escapes', () => {
    const agent = `${ESC}]52;c;${'A'.repeat(50 * 1024 * 1024)}${ESC}[2J\u0007`;
    const shown = `\\u001b]52;c;${'A'.repeat(50 * 1024 * 1024)}\\u001b[2J\\u0007`;
    writeTree(temp.path, {
      'big/line.jsonl': jsonLinesText([
        event(ALICE, 1),
        event(ALICE, 2, { userAgent: agent }),
        event(ALICE, 3),
      ]),
    });

    it('is summarised, and the terminal report stays within 100 columns', TIMEOUT, async () => {
      const result = await runOnBothPaths(['aws-ct-summary', '-q', '-d', 'big'], {
        cwd: temp.path,
        env: { COLUMNS: '100' },
      });
      assert.equal(result.status, 0);
      assert.ok(!result.stdout.includes(ESC), 'a raw ESC reached the terminal');
      const lines = result.stdout.split('\n');
      assert.ok(lines.every((line) => [...line].length <= 100));
      assert.ok(lines.some((line) => line.includes('1  \\u001b]52;c;AAAA') && line.endsWith(')')));
      assert.deepEqual(
        tallyLines(result.stderr)[1],
        '[+] Events: 3 read, 3 summarised into 1 identity',
      );
    });

    it('is written whole and inert into the CSV', TIMEOUT, async () => {
      const result = await runOnBothPaths(['aws-ct-summary', '-q', '-d', 'big', '-t', 'csv'], {
        cwd: temp.path,
      });
      assert.ok(!result.stdout.includes(ESC), 'a raw ESC reached the CSV');
      assert.ok(
        result.stdout.includes(`\n1 - ${shown} (2024-03-01 10:00:02 ~ 2024-03-01 10:00:02)"`),
      );
      assert.ok(
        result.stdout.includes('\n2 - aws-cli/2.15.0 (2024-03-01 10:00:01 ~ 2024-03-01 10:00:03)'),
      );
    });
  });

  describe('values nested 10,000 levels deep', () => {
    const depth = 10_000;
    const base = JSON.stringify(event(ALICE, 1)).slice(0, -1);
    const files = {
      // An ignored field: only the parser sees it.
      'deep/ignored.json': `{"Records":[${base},"requestParameters":${deepArrayText(depth)}}]}`,
      // Shown fields: grouped by their JSON text, written into every report.
      'deep/agent.json': `{"Records":[${base.replace('"userAgent":"aws-cli/2.15.0"', `"userAgent":${deepObjectText(depth)}`)}}]}`,
      // A damaged file, read by the incremental decoder.
      'deep/ip.jsonl': `${JSON.stringify(event(BOB, 1)).replace('"203.0.113.10"', deepArrayText(depth))}\n{"broken":\n`,
    };
    writeTree(temp.path, files);

    it('summarises them without overflowing a stack, in every format', TIMEOUT, async () => {
      const jsonl = await runOnBothPaths(['aws-ct-summary', '-q', '-d', 'deep', '-t', 'jsonl'], {
        cwd: temp.path,
      });
      assert.equal(jsonl.status, 0, jsonl.stderr);
      assert.deepEqual(rowsOf(jsonl.stdout), [
        [ALICE, 2],
        [BOB, 1],
      ]);
      const [alice, bob] = recordsOf(jsonl.stdout);
      // Compared with ok(): a failing equal() would print both 50,000-character texts.
      const agents = (alice!.user_agents as { value: unknown }[]).map((e) => e.value);
      assert.ok(agents.some((value) => compactJson(value) === deepObjectText(depth)));
      const ips = (bob!.src_ips as { value: unknown }[]).map((e) => e.value);
      assert.ok(compactJson(ips) === `[${deepArrayText(depth)}]`);
      assert.deepEqual(tallyLines(jsonl.stderr).slice(0, 2), [
        '[!] Problems with the input (1):',
        '    deep/ip.jsonl:2: cut off',
      ]);

      for (const format of ['csv', 'json']) {
        const result = await runOnBothPaths(['aws-ct-summary', '-q', '-d', 'deep', '-t', format], {
          cwd: temp.path,
        });
        assert.equal(result.status, 0, result.stderr);
        if (format === 'json') JSON.parse(result.stdout);
        else assert.ok(result.stdout.includes(deepArrayText(depth)));
      }
      const terminal = await runOnBothPaths(['aws-ct-summary', '-q', '-d', 'deep'], {
        cwd: temp.path,
      });
      assert.match(terminal.stdout, /1 {2}\{"a":\{"a":\{"a":.*…/);
    });

    it('writes a value 200,000 levels deep as JSON.stringify would', () => {
      const text = deepObjectText(200_000);
      assert.ok(compactJson(JSON.parse(text)) === text);
      const mixed = { b: [1, 'x', null, true, { c: -0, d: 1e21 }], a: '\u2028"\ud800' };
      assert.equal(compactJson(mixed), JSON.stringify(mixed));
    });
  });

  it('lists 1,000 of 1,500 broken lines of a file and counts them all', TIMEOUT, async () => {
    const files = {
      'garbage/lines.jsonl': jsonLinesText([event(ALICE, 1)]) + '{x\n'.repeat(1500),
      'garbage/records.json': recordsText([event(BOB, 1)]),
    };
    writeTree(temp.path, files);
    const bytes = Object.values(files).reduce((sum, text) => sum + text.length, 0);
    const run = (flags: string[]) =>
      runOnBothPaths(['aws-ct-summary', '-q', '-d', 'garbage', '-t', 'jsonl', ...flags], {
        cwd: temp.path,
      });
    const verbose = tallyLines((await run(['-v'])).stderr);
    assert.equal(verbose[0], '[!] Problems with the input (1001):');
    assert.deepEqual(verbose.slice(1, 3), [
      '    garbage/lines.jsonl:2: not valid JSON',
      '    garbage/lines.jsonl:3: not valid JSON',
    ]);
    assert.deepEqual(verbose.slice(1000), [
      '    garbage/lines.jsonl:1001: not valid JSON',
      '    garbage/lines.jsonl: 500 more malformed lines and damaged parts in this file, not listed (only the first 1,000 are)',
      `[+] Files: 2 scanned (${sizeText(bytes)})`,
      '[+] Events: 2 read, 2 summarised into 2 identities',
      '[!] Damaged input (good parts were read): 1,500 malformed lines',
    ]);
    const brief = tallyLines((await run([])).stderr);
    assert.equal(brief[21], '    … and 981 more (use --verbose to list them all)');
  });
});
