import { log } from '../log.js';
import { renderProblems, renderTally } from '../render/tally.js';
import type { ScanOutcome } from '../scan/index.js';

/** How many per-input problems are listed without --verbose. */
const PROBLEM_LINES_SHOWN = 20;

interface TallyContext {
  flags: { allIdentities: boolean; verbose: boolean };
  scanOptions: { timeWindow: unknown };
}

/** Prints the final tally on stderr: always, also with --quiet. */
export function reportTally(
  outcome: ScanOutcome,
  identities: number,
  context: TallyContext,
  elapsedSeconds: number,
): void {
  const { summary, tally } = outcome;
  const problems = renderProblems(
    tally.problems,
    context.flags.verbose ? Infinity : PROBLEM_LINES_SHOWN,
  );
  if (problems.length > 0) {
    log.warn(`Problems with the input (${tally.problems.length}):`);
    for (const line of problems) log.raw(`    ${line}\n`);
  }
  const lines = renderTally({
    scan: tally,
    events: summary.tally,
    identities,
    withoutArn: summary.withoutArn,
    allIdentities: context.flags.allIdentities,
    timeFiltered: context.scanOptions.timeWindow !== undefined,
    elapsedSeconds,
  });
  for (const line of lines) {
    if (line.level === 'warn') log.warn(line.text);
    else log.notice(line.text);
  }
  if (identities === 0) log.warn(explainEmptyReport(outcome));
}

function explainEmptyReport({ summary, tally }: ScanOutcome): string {
  if (tally.filesFound === 0)
    return 'No CloudTrail files (.json, .jsonl, .gz) were found: the report is empty.';
  if (summary.tally.eventsRead === 0)
    return 'No events could be read from the input: the report is empty.';
  if (
    summary.tally.eventsSummarised === 0 &&
    summary.withoutArn.size > 0 &&
    summary.tally.outsideTimeWindow === 0
  ) {
    return 'Every event lacked an ARN: the report is empty (add --all-identities to include them).';
  }
  return 'Every event was filtered out: the report is empty.';
}
