import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BUNDLED_ABUSED_LIST_PATH } from '../../src/enrich/index.js';
import { fixturePath, makeTempDir, runCli } from '../helpers.js';

const input = fixturePath('worked-example', 'seven-records.json');
const SYNCED_TEXT = 'EventName,Description\nRunInstances,Synced: spins up compute\nListUsers,x\n';

/** Runs the summary as CSV on stdout with TRAILSCOPE_HOME pointing at `home`. */
function summarise(home: string, extra: string[] = []) {
  return runCli(['aws-ct-summary', '-f', input, '-t', 'csv', ...extra], {
    env: { TRAILSCOPE_HOME: home },
  });
}

describe('which abused-API list aws-ct-summary uses', () => {
  const temp = makeTempDir();
  after(temp.remove);
  const home = (name: string, listText?: string) => {
    const path = join(temp.path, name);
    mkdirSync(path);
    if (listText !== undefined) writeFileSync(join(path, 'abused_aws_api_calls.csv'), listText);
    return path;
  };

  it('uses the synced copy and names it in the banner', async () => {
    const dir = home('synced', SYNCED_TEXT);
    const result = await summarise(dir);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(
      result.stderr.includes(
        `[+] Abused-API list: synced (${join(dir, 'abused_aws_api_calls.csv')}, 2 entries)\n`,
      ),
      result.stderr,
    );
    assert.match(
      result.stdout,
      /2 - RunInstances \(ec2\.amazonaws\.com\) - Synced: spins up compute/,
    );
  });

  it('uses the bundled list when nothing was synced', async () => {
    const result = await summarise(home('empty'));
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `\\[\\+\\] Abused-API list: bundled \\(${escape(BUNDLED_ABUSED_LIST_PATH)}, \\d+ entries\\)`,
      ),
    );
    assert.doesNotMatch(result.stderr, /synced abused-API list/);
  });

  it('prefers --abused-list over the synced copy', async () => {
    const dir = home('both', SYNCED_TEXT);
    const named = fixturePath('worked-example', 'abused.csv');
    const result = await summarise(dir, ['--abused-list', named]);
    assert.ok(result.stderr.includes(`[+] Abused-API list: option (${named}, 3 entries)`));
    assert.match(result.stdout, /RunInstances \(ec2\.amazonaws\.com\) - Launches compute/);
  });

  it('warns, also with -q, and uses the bundled list when the synced copy is invalid', async () => {
    const dir = home('broken', '<!DOCTYPE html><html>Sign in</html>\n');
    const result = await summarise(dir, ['-q']);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(
      result.stderr.startsWith(
        `[!] The synced abused-API list ${join(dir, 'abused_aws_api_calls.csv')} is not usable ` +
          '(the first line must be the header "EventName,Description"); the bundled list was used ' +
          "instead. Run 'trailscope update-rules' to replace it.\n",
      ),
      result.stderr,
    );
    assert.doesNotMatch(result.stderr, /Abused-API list: /);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
