import type { EpochSeconds } from '../model.js';

/** What an entry is sorted by: count, then times, then its shown text. */
export interface Ranked {
  count: number;
  /** Epoch seconds, or undefined when the value never had a parseable time. */
  first: EpochSeconds | undefined;
  last: EpochSeconds | undefined;
  sortText: readonly string[];
}

/**
 * Entry order inside a cell: count descending, then first-seen descending, then last-seen
 * descending (entries without a time after timed ones), then text ascending by code point.
 * Every step is a total order on distinct values, so the report never depends on file order.
 */
export function compareRanked(a: Ranked, b: Ranked): number {
  if (a.count !== b.count) return b.count - a.count;
  const byFirst = compareTimesDescending(a.first, b.first);
  if (byFirst !== 0) return byFirst;
  const byLast = compareTimesDescending(a.last, b.last);
  if (byLast !== 0) return byLast;
  for (let i = 0; i < a.sortText.length; i++) {
    const byText = compareCodePoints(a.sortText[i] ?? '', b.sortText[i] ?? '');
    if (byText !== 0) return byText;
  }
  return 0;
}

/**
 * Compares strings by Unicode code point. JavaScript's `<` compares UTF-16 code units, which
 * puts astral characters (emoji, say) before U+E000..U+FFFF; shifting surrogates above that
 * range at the first difference gives code point order.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointWeight(x) - codePointWeight(y);
  }
  return a.length - b.length;
}

function codePointWeight(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

function compareTimesDescending(a: EpochSeconds | undefined, b: EpochSeconds | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return b - a;
}
