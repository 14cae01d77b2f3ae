import type { ByteWindow } from './byte-window.js';
import { LF } from './json-tokens.js';

/**
 * Line numbers for problem reports, counted once over the stream: offsets are asked for in
 * increasing order, and the bytes up to an offset are counted before the window drops them.
 */
export class LineCounter {
  private cursor = 0;
  private linesBeforeCursor = 0;

  /** 1-based line number of an absolute offset still in the window. */
  lineAt(offset: number, window: ByteWindow): number {
    this.countUpTo(offset, window);
    return this.linesBeforeCursor + 1;
  }

  countUpTo(offset: number, window: ByteWindow): void {
    const { view, base } = window;
    let from = Math.max(this.cursor, base) - base;
    const to = offset - base;
    while (from < to) {
      const lineBreak = view.indexOf(LF, from);
      if (lineBreak < 0 || lineBreak >= to) break;
      this.linesBeforeCursor++;
      from = lineBreak + 1;
    }
    this.cursor = Math.max(this.cursor, offset);
  }
}
