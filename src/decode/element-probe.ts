import {
  CLOSE,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  OPEN_ARRAY,
  OPEN_BRACE,
  OPEN_OBJECT,
  QUOTE,
  SCALAR,
  START,
  STRING,
  VALUE_END,
  isWhitespace,
  tokenOf,
  breaksTokenOrder,
  skipStringBody,
} from './json-tokens.js';

/**
 * What a probed value turned out to be: broken at `at` (or cut off by the end of the input);
 * complete and followed by a comma or a closing bracket, `end` being just after it; or complete
 * and followed by anything else or nothing, `valueEnd` being just after the value.
 */
export type ProbeOutcome =
  | { kind: 'needMore' }
  | { kind: 'broken'; at: number }
  | { kind: 'followedByComma' | 'followedByBracket'; end: number }
  | { kind: 'standsAlone'; valueEnd: number };

const NEED_MORE: ProbeOutcome = { kind: 'needMore' };

/** Where a scan of the value stopped, and why: a fault, the value's end, or the view's end. */
interface Stop {
  at: number;
  reason: 'fault' | 'valueEnd' | 'viewEnd';
}

/**
 * Scans one value that starts a line in the rest of a damaged event list, to tell one more
 * element of that list from a new document written after it. Only an element can be followed
 * by a comma, or by the bracket that closes the list; a document stands alone on its line or is
 * followed by another document.
 *
 * The scan checks which token may follow which, as the decoder's own scan does, so a broken
 * line is caught where it breaks instead of drawing the rest of the input into one value. It
 * resumes where it stopped when more input arrives; offsets are absolute.
 */
export class ElementProbe {
  private cursor: number;
  /** Expected closing brackets, innermost last. */
  private readonly stack: number[] = [];
  private inString = false;
  private previous = START;
  /** Once the value is complete, just after it: what follows it is being looked for. */
  private valueEnd = -1;

  constructor(readonly start: number) {
    this.cursor = start;
  }

  /** Scans on from where it stopped through `view` (byte `base` of the stream onwards). */
  scan(view: Buffer, base: number, ended: boolean): ProbeOutcome {
    let i = this.cursor - base;
    if (this.valueEnd < 0) {
      const stop = this.scanValue(view, i);
      if (stop.reason === 'fault') return { kind: 'broken', at: base + stop.at };
      i = stop.at;
      if (stop.reason === 'valueEnd') this.valueEnd = base + i;
    }
    if (this.valueEnd >= 0) {
      while (i < view.length && isWhitespace(view[i]!)) i++;
      if (i < view.length) {
        if (view[i] === COMMA) return { kind: 'followedByComma', end: base + i + 1 };
        if (view[i] === CLOSE_BRACKET) return { kind: 'followedByBracket', end: base + i + 1 };
        return { kind: 'standsAlone', valueEnd: this.valueEnd };
      }
    }
    this.cursor = base + i;
    if (!ended) return NEED_MORE;
    return this.valueEnd >= 0
      ? { kind: 'standsAlone', valueEnd: this.valueEnd }
      : { kind: 'broken', at: base + Math.min(i, view.length) };
  }

  /** Scans on through the value until it ends, the view ends, or a fault. */
  private scanValue(view: Buffer, from: number): Stop {
    const fault = (at: number): Stop => ({ at, reason: 'fault' });
    const stack = this.stack;
    let i = from;
    while (i < view.length) {
      if (this.inString) {
        i = skipStringBody(view, i);
        if (i >= view.length) break;
        if (view[i] !== QUOTE) return fault(i);
        this.inString = false;
        this.previous = VALUE_END;
        i++;
        continue;
      }
      const byte = view[i]!;
      if (isWhitespace(byte)) {
        if (this.previous === SCALAR) this.previous = VALUE_END;
        i++;
        continue;
      }
      const token = tokenOf(byte);
      if (breaksTokenOrder(this.previous, token, stack[stack.length - 1] === CLOSE_BRACE)) {
        return fault(i);
      }
      this.previous = token;
      if (token === STRING) {
        this.inString = true;
      } else if (token === OPEN_OBJECT || token === OPEN_ARRAY) {
        stack.push(byte === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET);
      } else if (token === CLOSE) {
        this.previous = VALUE_END;
        if (stack.pop() !== byte) return fault(i);
        if (stack.length === 0) return { at: i + 1, reason: 'valueEnd' };
      }
      i++;
    }
    return { at: i, reason: 'viewEnd' };
  }
}
