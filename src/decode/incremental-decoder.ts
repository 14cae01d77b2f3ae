import { ByteWindow } from './byte-window.js';
import { ElementProbe } from './element-probe.js';
import { LineCounter } from './line-counter.js';
import { emitDocument, emitLookupEvent, emitRecord, type RecordSink } from './records.js';
import { decodeUtf8 } from './text.js';
import {
  CLOSE,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  LF,
  OPEN_ARRAY,
  OPEN_BRACE,
  OPEN_BRACKET,
  OPEN_OBJECT,
  QUOTE,
  SCALAR,
  SEPARATOR,
  STRING,
  VALUE_END,
  isWhitespace,
  tokenOf,
  breaksTokenOrder,
  skipStringBody,
} from './json-tokens.js';
import { ValueScan } from './value-scan.js';
import {
  LISTED_PROBLEMS,
  describeDamage,
  problemOf,
  type Damage,
  type DecodeProblem,
  type ProblemCounts,
} from './damage.js';

/** V8 cannot hold a string much longer than this, so no single value larger can be parsed. */
const STRING_LIMIT_BYTES = 512 * 1024 * 1024 - 64;

/**
 * Reads CloudTrail JSON fed in chunks of any size, holding at most one document (inside an event
 * list, one element) at a time. It serves every input that one JSON.parse of the whole cannot:
 * JSON lines, documents written one after another, damaged documents, and files too large for
 * a JavaScript string.
 *
 * A JSON-lines line is tried with JSON.parse first. Anything else is scanned structurally
 * (brackets, strings, control characters); each element of an event list (a bare array, or
 * the `Records` or `Events` array of a top-level object) is parsed as soon as it is complete,
 * so a document damaged part-way keeps every complete event before the damage. The rest of a
 * damaged event list is skipped as one damaged part, and a document written after it is read.
 */
export type { DecodeProblem, ProblemCounts };
export { LISTED_PROBLEMS };

export class IncrementalDecoder {
  documents = 0;
  /** The first LISTED_PROBLEMS problems. */
  readonly problems: DecodeProblem[] = [];
  /** Every problem, by kind. */
  readonly problemCounts: ProblemCounts = { malformedLine: 0, damagedPart: 0 };

  private readonly window = new ByteWindow();
  /** Scan position, absolute. */
  private pos = 0;
  private mode: 'between' | 'value' | 'resync' | 'damagedList' = 'between';
  private value = new ValueScan();
  private resyncAtLineStart = false;
  /** A fault whose kind depends on where reading resumes. */
  private pendingProblem: (Damage & { resumeIfMalformedLine: number }) | undefined;
  /** After a fault within one line, the next line is read whatever it starts with. */
  private resyncToAnyLine = false;
  /** In the rest of a damaged event list: the value being told apart from a new document. */
  private probe: ElementProbe | undefined;
  /** In the rest of a damaged event list, a comma ended the last element: another must follow. */
  private elementExpected = false;
  private readonly lines = new LineCounter();
  private ended = false;

  constructor(
    private readonly sink: RecordSink,
    /** Longest JSON-lines line tried with one JSON.parse before it is scanned instead. */
    private readonly wholeParseBytes: number,
  ) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const keepFrom = this.keepFrom();
    this.lines.countUpTo(keepFrom, this.window);
    this.window.append(chunk, keepFrom - this.window.base);
    this.run();
  }

  end(): void {
    this.ended = true;
    this.run();
    this.settlePendingProblem(undefined);
  }

  /**
   * The first byte still needed: the current document, the current list element, or a value
   * probed after damage, which is read again as a document if it turns out to be one.
   */
  private keepFrom(): number {
    const { value } = this;
    if (this.probe !== undefined) return this.probe.start;
    if (this.mode !== 'value')
      return Math.min(this.pos, this.window.base + this.window.view.length);
    if (value.listDepth === -1) return value.start;
    if (value.elementStart >= 0) return value.elementStart;
    return Math.min(
      value.inString ? value.stringStart : this.pos,
      this.window.base + this.window.view.length,
    );
  }

  private run(): void {
    for (;;) {
      const progressed =
        this.mode === 'between'
          ? this.readBetween()
          : this.mode === 'value'
            ? this.scanValue()
            : this.mode === 'resync'
              ? this.resync()
              : this.skipDamagedList();
      if (!progressed) return;
    }
  }

  /**
   * Moves `pos` past blank space and returns its index in the view, or undefined when the view
   * ends first (more input is needed).
   */
  private skipBlankSpace(): number | undefined {
    const { view, base } = this.window;
    let i = this.pos - base;
    while (i < view.length && isWhitespace(view[i]!)) i++;
    this.pos = base + i;
    return i < view.length ? i : undefined;
  }

  /** At the top level: skips blank space, then reads a whole line as a document if it can. */
  private readBetween(): boolean {
    const { view, base } = this.window;
    const i = this.skipBlankSpace();
    if (i === undefined) return false;

    const lineBreak = view.indexOf(LF, i);
    if (lineBreak < 0 && !this.ended && view.length - i < this.wholeParseBytes) return false;
    const lineEnd = lineBreak < 0 ? view.length : lineBreak;
    if (lineEnd - i <= this.wholeParseBytes) {
      const document = tryParse(view, i, lineEnd);
      if (document !== FAILED) {
        this.documents++;
        emitDocument(document, this.sink);
        this.pos = base + lineEnd;
        return true;
      }
    }
    this.startValue();
    return true;
  }

  private startValue(): void {
    this.value = new ValueScan();
    this.value.start = this.pos;
    this.value.startLine = this.lines.lineAt(this.pos, this.window);
    this.mode = 'value';
  }

  /** Scans on through the current value; false when more input is needed. */
  private scanValue(): boolean {
    const { view, base } = this.window;
    const value = this.value;
    const stack = value.stack;
    const length = view.length;
    let i = this.pos - base;

    if (stack.length === 0 && !value.inString && i === value.start - base) {
      const first = view[i]!;
      if (first !== OPEN_BRACE && first !== OPEN_BRACKET && first !== QUOTE)
        return this.scanScalar(i);
    }

    while (i < length) {
      if (value.inString) {
        i = skipStringBody(view, i);
        if (i >= length) break;
        if (view[i] !== QUOTE) return this.fault(base + i, false);
        value.inString = false;
        value.previous = VALUE_END;
        if (stack.length === 1 && value.listDepth === -1) {
          const keyLength = base + i - value.stringStart - 1;
          value.lastKey =
            keyLength <= 8 ? view.toString('latin1', value.stringStart - base + 1, i) : '';
        }
        if (stack.length === 0) return this.completeValue(base + i + 1);
        i++;
        continue;
      }

      const byte = view[i]!;
      if (isWhitespace(byte)) {
        if (value.previous === SCALAR) value.previous = VALUE_END;
        if (byte === LF && value.firstLineBreak < 0) value.firstLineBreak = base + i;
        i++;
        continue;
      }
      const token = tokenOf(byte);
      if (breaksTokenOrder(value.previous, token, stack[stack.length - 1] === CLOSE_BRACE)) {
        return this.fault(base + i, false);
      }
      value.previous = token;

      if (token === STRING) {
        value.inString = true;
        value.stringStart = base + i;
        if (stack.length === value.listDepth && value.elementStart < 0)
          value.elementStart = base + i;
      } else if (token === OPEN_OBJECT || token === OPEN_ARRAY) {
        if (stack.length === value.listDepth && value.elementStart < 0)
          value.elementStart = base + i;
        stack.push(byte === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET);
        if (byte === OPEN_BRACKET && value.listDepth === -1) this.maybeStartList();
      } else if (token === CLOSE) {
        value.previous = VALUE_END;
        if (stack.pop() !== byte) return this.fault(base + i, false);
        if (stack.length === value.listDepth && value.elementStart >= 0) {
          this.completeElement(value.elementStart, base + i + 1);
        } else if (stack.length === value.listDepth - 1) {
          if (value.elementStart >= 0) this.completeElement(value.elementStart, base + i);
          value.listDepth = -2;
        }
        if (stack.length === 0) return this.completeValue(base + i + 1);
      } else if (stack.length === value.listDepth) {
        if (token === SEPARATOR) {
          if (value.elementStart >= 0) this.completeElement(value.elementStart, base + i);
        } else if (value.elementStart < 0) {
          value.elementStart = base + i;
        }
      }
      i++;
    }
    this.pos = base + i;
    if (this.ended) return this.fault(base + length, true);
    return false;
  }

  /** Recognises the event list: a bare top-level array, or `Records` / `Events` of an object. */
  private maybeStartList(): void {
    const value = this.value;
    const depth = value.stack.length;
    const topIsObject = value.stack[0] === CLOSE_BRACE;
    if (depth === 1 && !topIsObject) value.listKind = 'array';
    else if (
      depth === 2 &&
      topIsObject &&
      (value.lastKey === 'Records' || value.lastKey === 'Events')
    ) {
      value.listKind = value.lastKey;
    } else return;
    value.listDepth = depth;
    value.elementStart = -1;
  }

  /** A complete element of the event list: parse and emit it, unless one before it failed. */
  private completeElement(start: number, end: number): void {
    const value = this.value;
    value.elementStart = -1;
    if (value.elementFailed) return;
    const { view, base } = this.window;
    let last = end - base;
    while (last > start - base && isWhitespace(view[last - 1]!)) last--;
    const element = tryParse(view, start - base, last);
    if (element === FAILED) {
      value.elementFailed = true;
      return;
    }
    value.kept++;
    if (value.listKind === 'Events') emitLookupEvent(element, this.sink);
    else emitRecord(element, this.sink);
  }

  private completeValue(end: number): boolean {
    const value = this.value;
    const { view, base } = this.window;
    this.pos = end;
    this.mode = 'between';
    if (value.listDepth === -1) {
      const document =
        end - value.start <= STRING_LIMIT_BYTES
          ? tryParse(view, value.start - base, end - base)
          : FAILED;
      if (document === FAILED) {
        // A line of plain text is one malformed line, not one per word: skip the rest of it.
        if (value.firstLineBreak < 0) return this.fault(end - 1, false);
        this.reportDamage(end - 1, false);
        return true;
      }
      this.documents++;
      emitDocument(document, this.sink);
    } else if (value.elementFailed) {
      this.reportDamage(end - 1, false);
    } else {
      this.documents++;
    }
    return true;
  }

  /** A top-level string, number or literal, ending at the next blank or bracket. */
  private scanScalar(i: number): boolean {
    const { view, base } = this.window;
    let end = i;
    while (
      end < view.length &&
      !isWhitespace(view[end]!) &&
      view[end] !== OPEN_BRACE &&
      view[end] !== OPEN_BRACKET
    ) {
      end++;
    }
    if (end >= view.length && !this.ended) return false;
    return this.completeValue(base + end);
  }

  /**
   * A structural fault, or the end of the input inside a value: report it, then look for the
   * next line that starts a document (the value's own first line is never read twice).
   */
  private fault(at: number, truncated: boolean): boolean {
    const value = this.value;
    if (value.listDepth !== -1) {
      // Once an event list has begun, all before the fault is a kept element, the damaged
      // one, or the document around them, all reported: resume at the fault itself, or a
      // damaged element starting a line would be read again as a line of its own.
      this.pendingProblem = { ...this.describeDamage(at, truncated), resumeIfMalformedLine: -1 };
      this.pos = Math.max(at, this.window.base);
      this.resyncAtLineStart = this.isLineStart(this.pos);
      this.resyncToAnyLine = false;
      // A list still open goes on after the fault with more elements, which are damage too.
      this.mode = value.listDepth > 0 ? 'damagedList' : 'resync';
      return true;
    }
    const afterStartLine =
      value.firstLineBreak >= 0 && value.firstLineBreak < at ? value.firstLineBreak + 1 : -1;
    this.pendingProblem = {
      ...this.describeDamage(at, truncated),
      resumeIfMalformedLine: afterStartLine,
    };
    // Never resume before the window: that part was read.
    this.pos = Math.max(afterStartLine >= 0 ? afterStartLine : at, this.window.base);
    this.resyncAtLineStart = this.pos === afterStartLine;
    this.resyncToAnyLine = afterStartLine < 0;
    this.mode = 'resync';
    return true;
  }

  /**
   * Whether an absolute offset in the window begins a line (the byte before it is a line
   * break). That byte may have been dropped already, as chunks can end anywhere.
   */
  private isLineStart(offset: number): boolean {
    const { view, base, byteBefore } = this.window;
    if (offset === 0) return true;
    return (offset > base ? view[offset - base - 1] : byteBefore) === LF;
  }

  /**
   * After a fault within one line, reading resumes at the next line, so that each broken JSON
   * line is one malformed line. After a fault in a value spanning lines, it resumes at the next
   * line that starts with `{` or `[` in its first column: an indented document has none, so the
   * rest of a damaged document is skipped instead of being misread as many broken lines.
   */
  private resync(): boolean {
    const resumeAt = this.nextLineStartingWith(
      (first) => this.resyncToAnyLine || first === OPEN_BRACE || first === OPEN_BRACKET,
    );
    if (resumeAt === undefined) return false;
    this.resume(resumeAt);
    return true;
  }

  /**
   * Skips the rest of an event list damaged part-way, which is part of the damage, up to its
   * closing bracket; what is left of the document is then skipped as after any other fault.
   *
   * A value starting a line in its first column is probed: it is one more element of the list
   * if a comma or the list's closing bracket follows it, else a new document, read from there.
   * The value after an element's comma is an element wherever it starts and whatever follows
   * it, so the last elements of a list also cut off before its end are damage too. A line
   * starting with `]` closes the list. Other lines, such as the rest of a damaged element or an
   * indented element, are skipped.
   */
  private skipDamagedList(): boolean {
    if (this.probe !== undefined) return this.settleProbe();
    if (this.elementExpected) return this.probeExpectedElement();
    const lineStart = this.nextLineStartingWith(
      (first) => first === OPEN_BRACE || first === OPEN_BRACKET || first === CLOSE_BRACKET,
    );
    if (lineStart === undefined) return false;
    const { view, base } = this.window;
    if (view[lineStart - base] === CLOSE_BRACKET) this.mode = 'resync';
    else this.probe = new ElementProbe(lineStart);
    return true;
  }

  /** After an element's comma: probes the next value, or closes the list at a bracket. */
  private probeExpectedElement(): boolean {
    const { view } = this.window;
    const i = this.skipBlankSpace();
    if (i === undefined) return false;
    const first = view[i]!;
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      this.probe = new ElementProbe(this.pos);
      return true;
    }
    // Anything else (a trailing comma before the bracket, a damaged element): the rest of its
    // line is skipped.
    this.elementExpected = false;
    this.resyncAtLineStart = false;
    if (first === CLOSE_BRACKET) this.mode = 'resync';
    return true;
  }

  /** Goes on according to what the probed value turned out to be, once that is known. */
  private settleProbe(): boolean {
    const probe = this.probe!;
    const outcome = probe.scan(this.window.view, this.window.base, this.ended);
    if (outcome.kind === 'needMore') return false;
    this.probe = undefined;
    const expected = this.elementExpected;
    this.elementExpected = false;
    this.resyncAtLineStart = false;
    switch (outcome.kind) {
      case 'followedByComma':
        this.pos = outcome.end;
        this.elementExpected = true;
        break;
      case 'followedByBracket':
        this.pos = outcome.end;
        this.mode = 'resync';
        break;
      case 'standsAlone':
        if (expected) this.pos = outcome.valueEnd;
        else this.resume(probe.start);
        break;
      case 'broken':
        if (expected) {
          this.pos = outcome.at;
          this.resyncAtLineStart = this.isLineStart(this.pos);
        } else {
          this.resume(probe.start);
        }
        break;
    }
    return true;
  }

  /**
   * Walks on from `pos` to the next line whose first byte is accepted, and returns where it
   * starts; undefined when more input is needed first. A fault can leave `pos` at a line start
   * (`resyncAtLineStart`), whose first byte is looked at too.
   */
  private nextLineStartingWith(accept: (first: number) => boolean): number | undefined {
    const { view, base } = this.window;
    let i = this.pos - base;
    for (;;) {
      if (this.resyncAtLineStart) {
        if (i >= view.length) break;
        if (accept(view[i]!)) {
          this.pos = base + i;
          return this.pos;
        }
      }
      const lineBreak = view.indexOf(LF, i);
      if (lineBreak < 0) {
        i = view.length;
        this.resyncAtLineStart = false;
        break;
      }
      i = lineBreak + 1;
      this.resyncAtLineStart = true;
    }
    this.pos = base + i;
    return undefined;
  }

  /** Reading goes on with the document at `at`, now that the fault before it can be named. */
  private resume(at: number): void {
    this.pos = at;
    this.mode = 'between';
    this.settlePendingProblem(at);
  }

  /** A fault in a complete value: reading goes on right after it. */
  private reportDamage(faultAt: number, truncated: boolean): void {
    const damage = this.describeDamage(faultAt, truncated);
    this.record(problemOf(damage, damage.caughtAtNextLine ? 'ownLine' : 'afterValue'));
  }

  /** Reports a fault found while looking for a resume point, now that the point is known. */
  private settlePendingProblem(resumedAt: number | undefined): void {
    const pending = this.pendingProblem;
    if (pending === undefined) return;
    this.pendingProblem = undefined;
    const resumed =
      resumedAt === undefined
        ? 'atEnd'
        : resumedAt === pending.resumeIfMalformedLine
          ? 'ownLine'
          : 'later';
    this.record(problemOf(pending, resumed));
  }

  private record(problem: DecodeProblem): void {
    this.problemCounts[problem.kind]++;
    if (this.problems.length < LISTED_PROBLEMS) this.problems.push(problem);
  }

  private describeDamage(faultAt: number, truncated: boolean): Damage {
    const { malformedLine, damagedPart } = this.problemCounts;
    return describeDamage(this.value, {
      faultAt,
      truncated,
      firstDocument: this.documents === 0 && malformedLine === 0 && damagedPart === 0,
    });
  }
}

const FAILED = Symbol('failed');

function tryParse(bytes: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(decodeUtf8(bytes, start, end));
  } catch {
    return FAILED;
  }
}
