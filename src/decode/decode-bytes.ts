import { emitDocument, emitLookupEvent, emitRecord, type RecordSink } from './records.js';
import { isJsonWhitespace, scanValue, type ScannedValue } from './scan-value.js';

/** What went wrong in one place of a file: the line it starts on and what the user should know. */
export interface DecodeProblem {
  line: number;
  kind: 'malformedLine' | 'damagedPart';
  message: string;
}

export interface DecodeResult {
  /** Complete JSON documents read (a delivery file is one; a JSON-lines file has one a line). */
  documents: number;
  problems: DecodeProblem[];
}

export interface DecodeLimits {
  /**
   * Largest document parsed in one JSON.parse call. Larger event lists are parsed element by
   * element, which keeps memory near one event instead of the whole object graph.
   */
  wholeParseBytes: number;
}

/** V8 cannot hold a string much longer than this; a larger single value cannot be parsed. */
const STRING_LIMIT_BYTES = 512 * 1024 * 1024 - 64;

export const DEFAULT_DECODE_LIMITS: DecodeLimits = { wholeParseBytes: 64 * 1024 * 1024 };

const LF = 0x0a;

/**
 * Decodes one file's bytes (already decompressed) into events. A file that is one JSON
 * document takes the fast path: a single JSON.parse. Anything else (JSON lines, documents
 * written one after another, damage, a document too large for one string) is read document by
 * document, keeping every complete event before a fault and resuming after it.
 */
export function decodeBytes(
  bytes: Buffer,
  sink: RecordSink,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): DecodeResult {
  const start = hasByteOrderMark(bytes) ? 3 : 0;
  if (bytes.length - start <= limits.wholeParseBytes) {
    const document = tryParse(bytes, start, bytes.length);
    if (document !== FAILED) {
      emitDocument(document, sink);
      return { documents: 1, problems: [] };
    }
  }
  return new DocumentReader(bytes, start, sink, limits).readAll();
}

const FAILED = Symbol('failed');

function tryParse(bytes: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(bytes.toString('utf8', start, end));
  } catch {
    return FAILED;
  }
}

function hasByteOrderMark(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

class DocumentReader {
  private documents = 0;
  private readonly problems: DecodeProblem[] = [];
  private lineCursor = 0;
  private lineNumber = 1;

  constructor(
    private readonly bytes: Buffer,
    private readonly start: number,
    private readonly sink: RecordSink,
    private readonly limits: DecodeLimits,
  ) {}

  readAll(): DecodeResult {
    const { bytes } = this;
    let pos = this.start;
    for (;;) {
      while (pos < bytes.length && isJsonWhitespace(bytes[pos])) pos++;
      if (pos >= bytes.length) break;
      pos = this.readLineAsDocument(pos) ?? this.readScannedValue(pos);
    }
    return { documents: this.documents, problems: this.problems };
  }

  /** Fast path for JSON lines: the rest of the line is exactly one document. */
  private readLineAsDocument(pos: number): number | undefined {
    const lineEnd = this.endOfLine(pos);
    if (lineEnd - pos > this.limits.wholeParseBytes) return undefined;
    const document = tryParse(this.bytes, pos, lineEnd);
    if (document === FAILED) return undefined;
    this.acceptDocument(document);
    return lineEnd;
  }

  private readScannedValue(pos: number): number {
    const value = scanValue(this.bytes, pos, this.bytes.length);
    const size = value.end - value.start;
    if (value.complete) {
      const wholeLimit = value.eventList ? this.limits.wholeParseBytes : STRING_LIMIT_BYTES;
      if (size <= wholeLimit) {
        const document = tryParse(this.bytes, value.start, value.end);
        if (document !== FAILED) {
          this.acceptDocument(document);
          return value.end;
        }
      }
    }

    const salvage = this.emitElements(value);
    if (value.complete && salvage.allParsed && size > this.limits.wholeParseBytes) {
      this.documents++; // an event list too large to parse whole, read element by element
      return value.end;
    }
    // A line that stops parsing is one malformed line however much follows on it: resuming
    // right after the failed value would count every further word of a text line again.
    const resumeAt = value.complete
      ? this.endOfLine(value.end - 1)
      : this.findResyncPoint(value, salvage.lastEnd);
    this.reportDamage(value, salvage.kept, resumeAt);
    return resumeAt;
  }

  private acceptDocument(document: unknown): void {
    this.documents++;
    emitDocument(document, this.sink);
  }

  /** Emits the complete elements of the value's event list up to the first that fails. */
  private emitElements(value: ScannedValue): { kept: number; allParsed: boolean; lastEnd: number } {
    const { elements } = value;
    let lastEnd = value.start;
    for (let i = 0; i < elements.length; i += 2) {
      const element = tryParse(this.bytes, elements[i]!, elements[i + 1]!);
      if (element === FAILED) return { kept: i / 2, allParsed: false, lastEnd };
      if (value.eventList === 'Events') emitLookupEvent(element, this.sink);
      else emitRecord(element, this.sink);
      lastEnd = elements[i + 1]!;
    }
    return { kept: elements.length / 2, allParsed: true, lastEnd };
  }

  /**
   * After a fault, reading resumes at the next line that starts with `{` or `[` in its first
   * column: in JSON lines that is the next line, while an indented document has none, so the
   * rest of a damaged document is skipped instead of being misread as many broken lines.
   */
  private findResyncPoint(value: ScannedValue, lastKeptEnd: number): number {
    const { bytes } = this;
    let lineStart = this.endOfLine(Math.max(value.start, lastKeptEnd)) + 1;
    while (lineStart < bytes.length) {
      const first = bytes[lineStart];
      if (first === 0x7b || first === 0x5b) return lineStart;
      lineStart = this.endOfLine(lineStart) + 1;
    }
    return bytes.length;
  }

  /**
   * What was skipped decides the kind: more than one line is a damaged part of a document, one
   * line is a malformed line. The scanner cannot tell a cut JSON line from the start of a
   * document, so the extent is measured up to where reading resumes, not to where the scan
   * stopped. A whole file that is one cut document (a truncated delivery file) is damaged too.
   */
  private reportDamage(value: ScannedValue, kept: number, resumeAt: number): void {
    const line = this.lineOf(value.start);
    const lastLine = this.lineOf(this.lastContentBefore(resumeAt, value.start));
    const firstDocument = this.documents === 0 && this.problems.length === 0;
    const wholeFileCut = value.truncated && firstDocument && resumeAt >= this.bytes.length;
    const kind = lastLine > line || wholeFileCut ? 'damagedPart' : 'malformedLine';
    const what = value.truncated ? 'cut off' : 'not valid JSON';
    const keptText = value.eventList
      ? `; ${kept} event${kept === 1 ? '' : 's'} before the fault kept`
      : '';
    const where = lastLine > line ? ` (lines ${line}-${lastLine} skipped)` : '';
    this.problems.push({ line, kind, message: `${what}${keptText}${where}` });
  }

  /** The last non-whitespace byte before `end`, but not before `start`. */
  private lastContentBefore(end: number, start: number): number {
    let pos = end - 1;
    while (pos > start && isJsonWhitespace(this.bytes[pos])) pos--;
    return pos;
  }

  private endOfLine(pos: number): number {
    const end = this.bytes.indexOf(LF, pos);
    return end < 0 ? this.bytes.length : end;
  }

  /** 1-based line number of a byte offset; offsets are asked for in increasing order. */
  private lineOf(pos: number): number {
    if (pos < this.lineCursor) {
      this.lineCursor = 0;
      this.lineNumber = 1;
    }
    let next = this.bytes.indexOf(LF, this.lineCursor);
    while (next >= 0 && next < pos) {
      this.lineNumber++;
      this.lineCursor = next + 1;
      next = this.bytes.indexOf(LF, this.lineCursor);
    }
    return this.lineNumber;
  }
}
