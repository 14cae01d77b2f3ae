import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadAbusedList, type AbusedList, type LoadedAbusedList } from '../enrich/index.js';
import { RuntimeError, UserError } from '../errors.js';
import { log } from '../log.js';
import { writeReportToStdout, writeSyncedList } from '../output/index.js';
import { renderListUpdate } from '../render/index.js';
import {
  compareAbusedLists,
  displayUrl,
  downloadList,
  MAX_LIST_BYTES,
  resolveRulesSource,
  resolveSyncedListPath,
  validateListContent,
  type RulesSource,
} from '../rules/index.js';
import type { UpdateRulesFlags } from './update-rules-options.js';

/** Longest --timeout accepted: an hour is plenty even over a satellite link. */
const MAX_TIMEOUT_SECONDS = 3600;

/**
 * `update-rules`: download, validate, compare with the list in use, and replace the synced copy
 * in one step. Any failure leaves the previous copy byte-for-byte as it was.
 */
export async function runUpdateRules(flags: UpdateRulesFlags, version: string): Promise<void> {
  const timeoutSeconds = parseTimeout(flags.timeout);
  const source = resolveRulesSource(flags.url);
  const path = resolveSyncedListPath();
  const previousBytes = readIfPresent(path);
  const inUse = loadAbusedList({ syncedPath: path });
  announce(source, inUse);

  let update: { list: AbusedList; written: boolean };
  try {
    const { bytes, list } = await downloadValidList(source, timeoutSeconds, version);
    const written = previousBytes === undefined || !Buffer.from(bytes).equals(previousBytes);
    if (written) await saveList(path, bytes);
    update = { list, written };
  } catch (error) {
    throw addStateOfPreviousCopy(error, previousBytes);
  }

  const lines = renderListUpdate({
    source: displayUrl(source.url),
    path,
    entries: update.list.size,
    written: update.written,
    baseline: {
      origin: inUse.origin === 'synced' ? 'synced' : 'bundled',
      entries: inUse.list.size,
    },
    changes: compareAbusedLists(inUse.list, update.list),
  });
  await writeReportToStdout(`${lines.join('\n')}\n`);
}

async function downloadValidList(
  source: RulesSource,
  timeoutSeconds: number,
  version: string,
): Promise<{ bytes: Uint8Array; list: AbusedList }> {
  const shown = displayUrl(source.url);
  let bytes: Uint8Array;
  try {
    bytes = await downloadList({
      url: source.url,
      timeoutSeconds,
      maxBytes: MAX_LIST_BYTES,
      userAgent: `trailscope/${version}`,
    });
  } catch (error) {
    throw prefixFailure(error, `Cannot download the abused-API list from ${shown}`);
  }
  try {
    return { bytes, list: validateListContent(bytes).list };
  } catch (error) {
    throw prefixFailure(error, `Refused the list downloaded from ${shown}`);
  }
}

async function saveList(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeSyncedList(path, bytes);
  } catch (error) {
    if (!(error instanceof RuntimeError)) throw error;
    throw new RuntimeError(
      `${error.message} Check that ${dirname(path)} is writable, or set TRAILSCOPE_HOME to a ` +
        'writable folder.',
    );
  }
}

function parseTimeout(text: string): number {
  const seconds = Number(text);
  if (!/^\d+(?:\.\d+)?$/.test(text.trim()) || !(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UserError(
      `--timeout "${text}": not a number of seconds between 0 and ${MAX_TIMEOUT_SECONDS}. ` +
        'Give the longest wait in seconds, e.g. --timeout 60.',
    );
  }
  return seconds;
}

function announce(source: RulesSource, inUse: LoadedAbusedList): void {
  const from = source.from === 'default' ? 'the default URL' : `set by ${source.from}`;
  log.info(`Downloading the abused-API list from ${displayUrl(source.url)} (${from})`);
  if (source.url.protocol === 'http:') {
    log.warn(
      'The URL uses plain http://: anyone on the path can change the list. Prefer https:// or file://.',
    );
  }
  if (inUse.syncedProblem) {
    log.warn(
      `The synced copy ${inUse.syncedProblem.path} is not usable (${inUse.syncedProblem.reason}); ` +
        'a good download replaces it, and changes are shown against the bundled list.',
    );
  }
}

/** The previous copy's exact bytes, to leave it alone when nothing changed. */
function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function prefixFailure(error: unknown, prefix: string): unknown {
  return error instanceof RuntimeError ? new RuntimeError(`${prefix}: ${error.message}`) : error;
}

/**
 * Ends the one failure line by saying that the list in use is still there. Failures that are
 * not part of updating (bugs) pass through with their stack.
 */
function addStateOfPreviousCopy(error: unknown, previousBytes: Buffer | undefined): unknown {
  if (!(error instanceof RuntimeError)) return error;
  const state =
    previousBytes === undefined
      ? 'Nothing was saved; aws-ct-summary keeps using the bundled list.'
      : 'The previous copy was left as it was.';
  return new RuntimeError(`${error.message} ${state}`);
}
