import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { RuntimeError, UserError } from '../errors.js';
import { log } from '../log.js';
import { packageRoot } from '../package-root.js';
import { removePendingTemporaryFiles } from '../output/index.js';
import { EXIT } from './exit-codes.js';
import { defineSummaryCommand, withDefaults, type ParsedSummaryFlags } from './summary-options.js';
import { useColor } from './terminal.js';
import { defineUpdateRulesCommand, type UpdateRulesFlags } from './update-rules-options.js';

const VERSION = (
  JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
).version;

/** The entry point: parses argv, runs the command, and maps every outcome to an exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  installSignalHandlers();
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
  });

  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return EXIT.ok;
  } catch (error) {
    // The first word after the program is the command; a file named like a command is not.
    const command = argv.slice(2).find((arg) => !arg.startsWith('-'));
    return reportFailure(error, command === 'update-rules' ? 'update-rules' : 'aws-ct-summary');
  }
}

function buildProgram(): Command {
  const program = new Command('trailscope')
    .description(
      'Triage AWS CloudTrail logs: one row per calling identity, with what it did, from where.',
    )
    .version(VERSION, '-V, --version', 'show the version')
    .helpOption('-h, --help', 'show this help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeErr: (text) => log.raw(text),
      writeOut: (text) => void process.stdout.write(text),
    });

  const summary = program
    .command('aws-ct-summary')
    .description('Summarise CloudTrail events per calling identity (userIdentity.arn).')
    .usage('(-d DIR | -f FILE) [options]')
    .exitOverride()
    .configureOutput({
      writeErr: (text) => log.raw(text),
      writeOut: (text) => void process.stdout.write(text),
    });
  defineSummaryCommand(summary).action(async (parsed: ParsedSummaryFlags) => {
    const flags = withDefaults(parsed);
    log.configure({
      level: flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal',
      color: useColor(process.stderr, flags.color),
    });
    // Each command loads only its own code: start-up counts when thousands of tiny files follow.
    const { runSummary } = await import('./run-summary.js');
    await runSummary(flags, VERSION);
  });

  const updateRules = program
    .command('update-rules')
    .description(
      'Download the current abused-API list into the config folder, replacing it safely.',
    )
    .usage('[--url URL] [--timeout SECONDS]')
    .exitOverride()
    .configureOutput({
      writeErr: (text) => log.raw(text),
      writeOut: (text) => void process.stdout.write(text),
    });
  defineUpdateRulesCommand(updateRules).action(async (flags: UpdateRulesFlags) => {
    log.configure({ color: useColor(process.stderr, flags.color) });
    const { runUpdateRules } = await import('./run-update-rules.js');
    await runUpdateRules(flags, VERSION);
  });
  return program;
}

/** A valid call of each command, shown after a usage error found by the flag parser. */
const EXAMPLE_OF: Record<string, string> = {
  'aws-ct-summary': 'trailscope aws-ct-summary -d ./AWSLogs -o summary.csv',
  'update-rules': 'trailscope update-rules --url https://mirror.example/abused_aws_api_calls.csv',
};

function reportFailure(error: unknown, command: string): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    ) {
      return EXIT.ok;
    }
    // commander has already printed its message; add the way forward and a valid example.
    log.raw(
      `Run 'trailscope ${command} --help' for the options, e.g. ${EXAMPLE_OF[command] ?? EXAMPLE_OF['aws-ct-summary']}\n`,
    );
    return EXIT.usage;
  }
  if (error instanceof UserError) {
    log.error(error.message);
    return EXIT.usage;
  }
  if (error instanceof RuntimeError) {
    log.error(error.message);
    return EXIT.failure;
  }
  log.error(
    `Unexpected failure, please report it with this trace:\n${(error as Error)?.stack ?? String(error)}`,
  );
  return EXIT.failure;
}

/**
 * An interrupted run removes its temporary report and exits with the conventional status. The
 * handlers stay installed: with a one-shot handler, a second Ctrl-C arriving before the first
 * was handled met the default action, which kills the process with its temporary file.
 */
function installSignalHandlers(): void {
  const stop = (status: number) => () => {
    removePendingTemporaryFiles();
    process.exit(status);
  };
  process.on('SIGINT', stop(EXIT.interrupted));
  process.on('SIGTERM', stop(EXIT.terminated));
}
