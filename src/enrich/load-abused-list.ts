import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { AbusedListError, parseAbusedList, type AbusedList } from './abused-list.js';

/** The list that ships with the tool, in the package's `rules/` folder. */
export const BUNDLED_ABUSED_LIST_PATH = join(packageRoot(), 'rules', 'abused_aws_api_calls.csv');

export interface LoadedAbusedList {
  list: AbusedList;
  path: string;
  origin: 'option' | 'synced' | 'bundled';
  /** Set when a synced copy exists but could not be used: why, for a warning. */
  syncedProblem?: { path: string; reason: string };
}

export interface AbusedListChoice {
  /** Given with --abused-list. */
  explicitPath?: string;
  /** Where `update-rules` keeps its copy; it may not exist. */
  syncedPath?: string;
}

/** The list to use: the one given with --abused-list, else the synced copy, else the bundled one. */
export function loadAbusedList(choice: AbusedListChoice): LoadedAbusedList {
  if (choice.explicitPath !== undefined) {
    return {
      list: readListFile(choice.explicitPath, '--abused-list'),
      path: choice.explicitPath,
      origin: 'option',
    };
  }

  const synced = choice.syncedPath === undefined ? undefined : readSyncedList(choice.syncedPath);
  if (synced?.list) return { list: synced.list, path: synced.path, origin: 'synced' };

  // A synced copy that exists but is unusable (a hand edit, a disk that filled up while another
  // tool wrote it) falls back to the bundled list with a warning instead of stopping the run:
  // it is the tool's own cache, not a file named on this command line, and a triage should not
  // stall on it. The bundled list is complete if older, and the banner names the list used.
  // --abused-list, which the user did name, still fails when it cannot be used.
  return {
    list: readListFile(BUNDLED_ABUSED_LIST_PATH),
    path: BUNDLED_ABUSED_LIST_PATH,
    origin: 'bundled',
    ...(synced?.problem ? { syncedProblem: { path: synced.path, reason: synced.problem } } : {}),
  };
}

/** The synced copy, nothing when it does not exist, or why it cannot be used. */
function readSyncedList(path: string): { path: string; list?: AbusedList; problem?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Not synced yet (ENOTDIR: a part of the config path is a file, so nothing was stored there).
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path };
    return { path, problem: `cannot be read (${code ?? (error as Error).message})` };
  }
  try {
    return { path, list: parseAbusedList(text) };
  } catch (error) {
    if (!(error instanceof AbusedListError)) throw error;
    return { path, problem: error.message };
  }
}

function readListFile(path: string, flag?: string): AbusedList {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError(
      `${flag ?? 'Abused-API list'} "${path}": cannot be read (${reason}). ` +
        'Give a CSV file with the header EventName,Description, e.g. --abused-list ./abused.csv.',
    );
  }
  try {
    return parseAbusedList(text);
  } catch (error) {
    if (!(error instanceof AbusedListError)) throw error;
    throw new UserError(
      `${flag ?? 'Abused-API list'} "${path}": ${error.message}. ` +
        'Expected a CSV like:\n  EventName,Description\n  RunInstances,Launches compute',
    );
  }
}
