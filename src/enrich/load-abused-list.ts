import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { AbusedListError, parseAbusedList, type AbusedList } from './abused-list.js';

/** The list that ships with the tool, in the package's `rules/` folder. */
export const BUNDLED_ABUSED_LIST_PATH = fileURLToPath(
  new URL('../../../rules/abused_aws_api_calls.csv', import.meta.url),
);

export interface LoadedAbusedList {
  list: AbusedList;
  path: string;
  origin: 'option' | 'bundled';
}

/** The list to use: the one given with --abused-list, else the bundled one. */
export function loadAbusedList(explicitPath: string | undefined): LoadedAbusedList {
  if (explicitPath !== undefined) {
    return {
      list: readListFile(explicitPath, '--abused-list'),
      path: explicitPath,
      origin: 'option',
    };
  }
  return {
    list: readListFile(BUNDLED_ABUSED_LIST_PATH),
    path: BUNDLED_ABUSED_LIST_PATH,
    origin: 'bundled',
  };
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
