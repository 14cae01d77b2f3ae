import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { fileURLToPath } from 'node:url';
import { UserError } from '../src/errors.js';
import { log } from '../src/log.js';

/** The repository root (these scripts run from dist/bench, two levels below it). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Runs a bench command and maps its outcome to an exit status, as the tool's entry point does. */
export async function runCommand(program: Command, argv: readonly string[]): Promise<number> {
  program
    .exitOverride()
    .configureOutput({ writeErr: (text) => log.raw(text) })
    .helpOption('-h, --help', 'show this help');
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' ? 0 : 2;
    }
    if (error instanceof UserError) {
      log.error(error.message);
      return 2;
    }
    log.error(`Unexpected failure:\n${(error as Error)?.stack ?? String(error)}`);
    return 1;
  }
}

/** A whole number ≥ `min`; `1_000_000` and `1,000,000` are accepted for readability. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const cleaned = value.replace(/[_,]/g, '');
    const number = Number(cleaned);
    if (!/^\d+$/.test(cleaned) || number < min) {
      throw new InvalidArgumentError(
        `Expected a whole number of at least ${min}, e.g. ${Math.max(min, 1000)}.`,
      );
    }
    return number;
  };
}

/** A number > 0, fractions allowed (sizes in GiB, days). */
export function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('Expected a number above 0, e.g. 0.5.');
  }
  return number;
}

/** A share in [0, 1], e.g. 0.1 for one call in ten. */
export function fraction(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !(number >= 0 && number <= 1)) {
    throw new InvalidArgumentError('Expected a share between 0 and 1, e.g. 0.1.');
  }
  return number;
}

/** `MIN-MAX` events per file, e.g. `1000-5000`, or one number for a fixed count. */
export function eventRange(value: string): { min: number; max: number } {
  const match = /^(\d+)(?:-(\d+))?$/.exec(value.replace(/_/g, ''));
  const min = Number(match?.[1]);
  const max = Number(match?.[2] ?? match?.[1]);
  if (!match || max < min || max < 1) {
    throw new InvalidArgumentError(
      'Expected MIN-MAX events per file with MAX ≥ 1, e.g. 1000-5000 or 0-3.',
    );
  }
  return { min, max };
}

/** An ISO-8601 instant, e.g. 2024-01-01T00:00:00Z; a bare date means midnight UTC. */
export function instant(value: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw new InvalidArgumentError('Expected an ISO-8601 date, e.g. 2024-01-01T00:00:00Z.');
  }
  return ms;
}
