import type { ListChanges } from '../rules/index.js';
import { formatCount } from './cells.js';
import { escapeControlCharacters as safe } from './escape.js';

/** How many names each change line lists before it says how many more there are. */
export const NAMES_SHOWN = 20;

export interface ListUpdateFacts {
  /** Where the list came from, as shown to the user. */
  source: string;
  /** The synced copy's path. */
  path: string;
  entries: number;
  /** False when the download was byte-for-byte the copy already there. */
  written: boolean;
  /** The list in use before: the previous synced copy, or the bundled list on a first update. */
  baseline: { origin: 'synced' | 'bundled'; entries: number };
  changes: ListChanges;
}

/** What `update-rules` did, one fact per line: where the list went and which entries changed. */
export function renderListUpdate(facts: ListUpdateFacts): string[] {
  const count = `${formatCount(facts.entries)} ${facts.entries === 1 ? 'entry' : 'entries'}`;
  if (!facts.written) {
    return [
      `The synced copy ${safe(facts.path)} is already current (${count} from ${safe(facts.source)}): nothing changed.`,
    ];
  }

  const lines = [`Saved ${count} from ${safe(facts.source)} to ${safe(facts.path)}.`];
  const baseline =
    facts.baseline.origin === 'synced'
      ? `the previous synced copy (${formatCount(facts.baseline.entries)} entries)`
      : `the bundled list (${formatCount(facts.baseline.entries)} entries) used until now`;
  const { added, removed, descriptionChanged } = facts.changes;
  if (added.length + removed.length + descriptionChanged.length === 0) {
    lines.push(`No event names or descriptions changed from ${baseline}.`);
    return lines;
  }
  lines.push(`Changes from ${baseline}:`);
  for (const [label, names] of [
    ['Added', added],
    ['Removed', removed],
    ['Description changed', descriptionChanged],
  ] as const) {
    if (names.length > 0)
      lines.push(`  ${label} (${formatCount(names.length)}): ${listNames(names)}`);
  }
  return lines;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).map(safe).join(', ');
  const rest = names.length - NAMES_SHOWN;
  return rest > 0 ? `${shown}, and ${formatCount(rest)} more` : shown;
}
