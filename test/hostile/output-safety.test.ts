import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { makeTempDir, repoRoot } from '../helpers.js';
import { event, recordsOf, recordsText, runOnBothPaths, writeTree } from './hostile-helpers.js';

const TIMEOUT = { timeout: 60_000 };

/** Values an attacker can put in the fields the report shows. */
const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007'; // writes the clipboard
const CLEAR = '\u001b[2J\u001b[H'; // clears the screen
const BIDI = 'admin\u202egnp.exe'; // reads as "adminexe.png"
const FORMAT = '%s%d%j%o %%s ${process.exit}';

const events = [
  event('=HYPERLINK("http://198.51.100.1/x","open")', 1, { userAgent: OSC52 }),
  event('+SUM(1,2)', 2, { userAgent: CLEAR, awsRegion: '\u0085us-east-1\u009b' }),
  event('-2+3', 3, { userAgent: BIDI, sourceIPAddress: '\ud800lone' }),
  event('@cmd', 4, { userAgent: FORMAT, userIdentity: { type: '\t=x', arn: '@cmd' } }),
  event('\r=cr', 5, { eventName: '=Run', eventSource: '\u2066evil\u2069' }),
  event('arn:aws:iam::111122223333:user/ok', 6, { userIdentity: { type: '=t', arn: 'ok' } }),
];
/** A raw ESC, C1 control or bidirectional control in output would act on the reader. */
const ACTIVE = /[\u001b\u0007\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('log values in the output', () => {
  const temp = makeTempDir();
  after(temp.remove);
  writeTree(temp.path, { 'in/events.json': recordsText(events) });
  const run = (flags: string[]) =>
    runOnBothPaths(['aws-ct-summary', '-q', '-d', 'in', '--all-identities', ...flags], {
      cwd: temp.path,
    });

  it('prints the terminal report with every control character inert', TIMEOUT, async () => {
    const result = await run(['--no-color']);
    assert.doesNotMatch(result.stdout, ACTIVE);
    assert.match(result.stdout, /\\u001b\]52;c;ZWNobyBwd25lZA==\\u0007/);
    assert.match(result.stdout, /\\u001b\[2J\\u001b\[H/);
    assert.match(result.stdout, /admin\\u202egnp\.exe/);
    assert.match(result.stdout, /\\u0085us-east-1\\u009b/);
    assert.ok(result.stdout.includes(FORMAT), 'a format string was expanded');
    assert.ok(result.stdout.includes('\ufffdlone'));
  });

  it('writes a CSV file that is inert under cat and in a spreadsheet', TIMEOUT, async () => {
    const result = await run(['-o', 'out.csv', '-C']);
    assert.equal(result.stdout, '');
    const text = readFileSync(join(temp.path, 'out.csv'), 'utf8');
    assert.doesNotMatch(text, ACTIVE);
    const rows = parse(text, { relax_column_count: false }) as string[][];
    const byArn = new Map(rows.slice(1).map((row) => [row[0], row]));
    // Every cell a log value can start is guarded: the identity and the user types.
    assert.deepEqual([...byArn.keys()].sort(), [
      "'+SUM(1,2)",
      "'-2+3",
      '\'=HYPERLINK("http://198.51.100.1/x","open")',
      "'@cmd",
      '\\u000d=cr',
      'ok',
    ]);
    assert.equal(byArn.get("'@cmd")![10], '\\u0009=x');
    assert.equal(byArn.get('ok')![10], "'=t");
    for (const row of rows.slice(1)) {
      for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r](?!$)/, `unguarded: ${cell}`);
    }
    assert.ok(text.includes(`1 - ${FORMAT} (`));
    assert.ok(text.includes('1 - =Run (\\u2066evil\\u2069) ('));
  });

  it('writes the same CSV to standard output', TIMEOUT, async () => {
    const result = await run(['-t', 'csv']);
    assert.equal(result.stdout, readFileSync(join(temp.path, 'out.csv'), 'utf8'));
  });

  it('keeps the original values in valid, inert JSON', TIMEOUT, async () => {
    for (const format of ['json', 'jsonl']) {
      const result = await run(['-t', format]);
      assert.doesNotMatch(result.stdout, ACTIVE);
      assert.ok(!/\\ud800(?!lone)/.test(result.stdout));
      type Row = Record<'user_agents' | 'src_ips', { value: unknown }[]>;
      const rows = (
        format === 'json' ? JSON.parse(result.stdout) : recordsOf(result.stdout)
      ) as Row[];
      const values = rows.flatMap((row) => row.user_agents.map((entry) => entry.value));
      assert.deepEqual(
        values.sort(),
        [CLEAR, OSC52, BIDI, FORMAT, 'aws-cli/2.15.0', 'aws-cli/2.15.0'].sort(),
      );
      const ips = rows.flatMap((row) => row.src_ips.map((entry) => entry.value));
      assert.ok(ips.includes('\ud800lone'), 'the lone surrogate did not survive the JSON report');
    }
  });
});

describe('the source', () => {
  it('never formats text with a format function that could read a log value as a format', () => {
    // util.format, console.* and printf-style calls expand %s, %d, %j, %o in their first argument.
    const sources = listSources(join(repoRoot, 'src'));
    const offenders = sources.filter((path) =>
      /\bconsole\.|\butil\.format|\bformat\(\s*[a-z]|\bformatWithOptions\b|\bprintf\b/.test(
        readFileSync(path, 'utf8'),
      ),
    );
    assert.deepEqual(offenders, []);
  });
});

function listSources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
