import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from '../../src/log.js';
import { repoRoot } from '../cli-support.js';
import type { FloorTally } from '../floor.js';
import { measureProcess, type Measurement } from './measure.js';
import type { CaseResult, Program } from './report.js';

/** One input to time, generated or given. */
export interface BenchTarget {
  label: string;
  path: string;
  isFile: boolean;
  /** A single huge file cannot be parsed whole, so it has no floor. */
  withFloor: boolean;
  /** Known for generated corpora; for a given folder, taken from what the floor read. */
  expected?: { files: number; events: number; bytes: number };
}

export interface RunSettings {
  runs: number;
  /** Workers for the floor, and `--threads` for the tool when it has the flag. */
  threads: number;
  toolHasThreads: boolean;
  /** Where the tool writes its CSV reports. */
  scratch: string;
}

const FLOOR = fileURLToPath(new URL('../floor.js', import.meta.url));
const TOOL = join(repoRoot, 'bin', 'trailscope.js');

/**
 * Times the floor and the tool on one input, alternately, so that slow spells of a noisy machine
 * fall on both. The order flips every round: neither always runs on a cache the other warmed.
 */
export async function timeTarget(target: BenchTarget, settings: RunSettings): Promise<CaseResult> {
  const result: CaseResult = {
    label: target.label,
    files: target.expected?.files ?? NaN,
    events: target.expected?.events ?? NaN,
    bytes: target.expected?.bytes ?? NaN,
    runs: { floor: [], trailscope: [] },
    failures: {},
  };
  for (let round = 0; round < settings.runs; round++) {
    const order: Program[] = round % 2 === 0 ? ['floor', 'trailscope'] : ['trailscope', 'floor'];
    for (const program of order) {
      if ((program === 'floor' && !target.withFloor) || result.failures[program]) continue;
      const run = await runProgram(program, target, settings);
      log.info(
        `${target.label}: ${program} ${round + 1}/${settings.runs}: ${run.wallSeconds.toFixed(2)} s`,
      );
      if (run.status !== 0) {
        result.failures[program] = `failed (exit ${run.status})`;
        log.warn(
          `${program} failed on ${target.path}; its other runs are skipped. It printed:\n${run.stderrTail}`,
        );
        continue;
      }
      result.runs[program].push(run);
      if (program === 'floor' && result.runs.floor.length === 1)
        checkFloorCount(run, target, result);
    }
  }
  return result;
}

function runProgram(
  program: Program,
  target: BenchTarget,
  settings: RunSettings,
): Promise<Measurement> {
  if (program === 'floor') {
    return measureProcess(FLOOR, ['--threads', String(settings.threads), target.path]);
  }
  return measureProcess(TOOL, [
    'aws-ct-summary',
    '-q',
    target.isFile ? '-f' : '-d',
    target.path,
    '-o',
    join(settings.scratch, 'summary.csv'),
    '-C',
    ...(settings.toolHasThreads ? ['--threads', String(settings.threads)] : []),
  ]);
}

/** A floor that read other files or events than were generated would make the ratio meaningless. */
function checkFloorCount(run: Measurement, target: BenchTarget, result: CaseResult): void {
  const tally = JSON.parse(run.stdout) as FloorTally;
  if (!target.expected) {
    [result.files, result.events, result.bytes] = [tally.files, tally.events, tally.bytes];
  } else if (tally.events !== target.expected.events || tally.files !== target.expected.files) {
    log.warn(
      `${target.label}: the floor read ${tally.files} files and ${tally.events} events, but the corpus holds ${target.expected.files} and ${target.expected.events}.`,
    );
  }
  if (tally.unparsed > 0)
    log.warn(`${target.label}: the floor could not parse ${tally.unparsed} files.`);
}
