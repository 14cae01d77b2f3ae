import type { AbusedList } from '../enrich/index.js';

/** How a new abused-API list differs from the one in use, each group sorted by name. */
export interface ListChanges {
  added: string[];
  removed: string[];
  descriptionChanged: string[];
}

/** Compares two lists by event name; a description counts as changed when its text differs. */
export function compareAbusedLists(before: AbusedList, after: AbusedList): ListChanges {
  const added: string[] = [];
  const descriptionChanged: string[] = [];
  for (const [name, description] of after) {
    const previous = before.get(name);
    if (previous === undefined) added.push(name);
    else if (previous !== description) descriptionChanged.push(name);
  }
  const removed = [...before.keys()].filter((name) => !after.has(name));
  return {
    added: sorted(added),
    removed: sorted(removed),
    descriptionChanged: sorted(descriptionChanged),
  };
}

export function hasChanges(changes: ListChanges): boolean {
  return (
    changes.added.length > 0 || changes.removed.length > 0 || changes.descriptionChanged.length > 0
  );
}

/** Code-point order, the same on every machine whatever the locale. */
function sorted(names: string[]): string[] {
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
