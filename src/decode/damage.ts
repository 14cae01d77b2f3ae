import type { ValueScan } from './value-scan.js';

/** What went wrong in one place of a file: the line it starts on and what the user should know. */
export interface DecodeProblem {
  line: number;
  kind: 'malformedLine' | 'damagedPart';
  message: string;
}

export type ProblemCounts = Record<DecodeProblem['kind'], number>;

/**
 * Problems listed per file; the rest are only counted. A file of millions of broken lines
 * would otherwise hold one entry per line, and memory must not grow with the input.
 */
export const LISTED_PROBLEMS = 1000;

/** A fault in one value, before it is known how much reading had to skip. */
export interface Damage {
  line: number;
  message: string;
  truncated: boolean;
  spansLines: boolean;
  /** A JSON line that lost its closing bracket is only caught where the next line begins. */
  caughtAtNextLine: boolean;
  firstDocument: boolean;
}

export function describeDamage(
  value: ValueScan,
  fault: { faultAt: number; truncated: boolean; firstDocument: boolean },
): Damage {
  const spansLines = value.firstLineBreak >= 0 && value.firstLineBreak < fault.faultAt;
  const what = fault.truncated ? 'cut off' : 'not valid JSON';
  const kept =
    value.listDepth !== -1
      ? `; ${value.kept} event${value.kept === 1 ? '' : 's'} before the fault kept`
      : '';
  return {
    line: value.startLine,
    message: `${what}${kept}`,
    truncated: fault.truncated,
    spansLines,
    caughtAtNextLine: spansLines && fault.faultAt === value.firstLineBreak + 1,
    firstDocument: fault.firstDocument,
  };
}

/**
 * Names a fault by what it cost. When only the value's own line was lost (or the value was on
 * one line) it is one malformed line; when more was skipped, or a single document was cut off
 * with nothing after it, a damaged part.
 *
 * `resumed`: reading went on right after the value, at the line after the value's first line,
 * somewhere later, or not at all.
 */
export function problemOf(
  damage: Damage,
  resumed: 'afterValue' | 'ownLine' | 'later' | 'atEnd',
): DecodeProblem {
  let onlyItsLine: boolean;
  if (resumed === 'atEnd')
    onlyItsLine = !damage.spansLines && !(damage.truncated && damage.firstDocument);
  else if (resumed === 'afterValue') onlyItsLine = !damage.spansLines;
  else onlyItsLine = !damage.spansLines || resumed === 'ownLine';
  return {
    line: damage.line,
    kind: onlyItsLine ? 'malformedLine' : 'damagedPart',
    message: damage.message,
  };
}
