import { START } from './json-tokens.js';

/** Where the structural scan of one top-level value stands; offsets are absolute. */
export class ValueScan {
  start = 0;
  startLine = 1;
  /** Expected closing brackets, innermost last. */
  stack: number[] = [];
  inString = false;
  stringStart = 0;
  /** Depth of the event list's elements; -1 before a list, -2 once the list has closed. */
  listDepth = -1;
  listKind: 'array' | 'Records' | 'Events' = 'array';
  elementStart = -1;
  lastKey = '';
  kept = 0;
  elementFailed = false;
  firstLineBreak = -1;
  /** Class of the last token, to catch tokens that cannot follow it (a missing comma, say). */
  previous = START;
}
