import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeTempDir } from '../helpers.js';
import { event, jsonLinesText, runTrailscope, writeTree } from './hostile-helpers.js';

const TIMEOUT = { timeout: 90_000 };
const STATUS = { SIGINT: 130, SIGTERM: 143 } as const;

describe('an interrupted run', () => {
  const temp = makeTempDir();
  after(temp.remove);
  let fullReportLength = 0;

  before(() => {
    // 48 files of about 1 MiB: the scan takes long enough to be interrupted half-way.
    const lines = jsonLinesText(
      Array.from({ length: 2500 }, (_, i) =>
        event(`arn:aws:iam::111122223333:user/u${i % 40}`, i % 60, { requestID: 'r'.repeat(300) }),
      ),
    );
    for (let i = 0; i < 48; i++) writeTree(temp.path, { [`scan/f${i}.jsonl`]: lines });
    // 20,000 identities with long user agents: a report of about 30 MB, written in pieces.
    const wide = Array.from({ length: 20_000 }, (_, i) =>
      event(`arn:aws:iam::111122223333:user/w${i}`, i % 60, {
        userAgent: `agent-${i}-${'x'.repeat(1000)}`,
      }),
    );
    writeTree(temp.path, { 'wide/w.jsonl': jsonLinesText(wide) });
  });

  let run = 0;
  /** Runs the CLI into a fresh folder, sending `signal` once `ready` says so; returns the folder. */
  async function interrupt(
    input: string,
    threads: number,
    signal: 'SIGINT' | 'SIGTERM',
    when: 'scanning' | 'writing',
  ) {
    const out = join(temp.path, `out-${++run}`);
    mkdirSync(out);
    const watcher = watch(out);
    const result = await runTrailscope(
      ['aws-ct-summary', '-d', input, '--threads', String(threads), '-o', join(out, 'report.csv')],
      {
        cwd: temp.path,
        onSpawn: (child) => {
          if (when === 'scanning') {
            // The banner's last line is printed just before the scan starts.
            child.stderr.on('data', (chunk: Buffer) => {
              if (chunk.toString().includes('Abused-API list')) child.kill(signal);
            });
          } else {
            // The kill is sent for every change of the temporary file, as a user who presses
            // Ctrl-C again and again would: the first one must win, whatever follows.
            watcher.on('change', (_, name) => {
              if (String(name).endsWith('.tmp')) child.kill(signal);
            });
          }
        },
      },
    );
    watcher.close();
    return { result, files: readdirSync(out), out };
  }

  for (const threads of [1, 2]) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(
        `stops on ${signal} during the scan, leaving nothing (--threads ${threads})`,
        TIMEOUT,
        async () => {
          const { result, files } = await interrupt('scan', threads, signal, 'scanning');
          assert.equal(result.status, STATUS[signal], result.stderr);
          assert.deepEqual(files, []);
          assert.doesNotMatch(result.stderr, /Events:/, 'the run went on to the tally');
        },
      );
    }
  }

  it('writes the whole report when not interrupted', TIMEOUT, async () => {
    const result = await runTrailscope(['aws-ct-summary', '-q', '-d', 'wide', '-o', 'full.csv'], {
      cwd: temp.path,
    });
    assert.equal(result.status, 0, result.stderr);
    fullReportLength = readFileSync(join(temp.path, 'full.csv')).length;
    assert.ok(fullReportLength > 20_000_000);
  });

  for (const [threads, signal] of [
    [1, 'SIGTERM'],
    [2, 'SIGINT'],
  ] as const) {
    it(
      `stops on ${signal} while writing the report, leaving no temporary file (--threads ${threads})`,
      TIMEOUT,
      async () => {
        const { result, files, out } = await interrupt('wide', threads, signal, 'writing');
        assert.equal(result.status, STATUS[signal], result.stderr);
        // The report is either not there at all or whole: a signal handled after the rename
        // (a rare race) may leave it complete, never cut.
        assert.ok(
          files.every((name) => name === 'report.csv'),
          `left behind: ${files.join(', ')}`,
        );
        if (existsSync(join(out, 'report.csv'))) {
          assert.equal(readFileSync(join(out, 'report.csv')).length, fullReportLength);
        }
      },
    );
  }
});
