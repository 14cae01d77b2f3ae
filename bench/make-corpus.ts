import { Command, InvalidArgumentError, Option } from 'commander';
import { join } from 'node:path';
import { log } from '../src/log.js';
import {
  eventRange,
  fraction,
  instant,
  positiveNumber,
  repoRoot,
  runCommand,
  wholeNumber,
} from './cli-support.js';
import { generateCorpus, loadTemplates } from './generate/index.js';

/** The flags of `npm run corpus`, as commander hands them over. */
interface CorpusFlags {
  out?: string;
  singleFile?: string;
  events?: number;
  gib?: number;
  templates: string;
  identities: number;
  accounts: number;
  perFile: { min: number; max: number };
  tiny: boolean;
  days: number;
  start: number;
  errorRate: number;
  seed: string;
  gzipLevel: number;
}

const EXAMPLES = `
Examples:
  $ npm run corpus -- --events 1000000 --out /tmp/corpus
      One million events from 200 identities in the S3 delivery layout.
  $ npm run corpus -- --events 10000 --tiny --out /tmp/tiny
      About 6,700 files of 0-3 events each.
  $ npm run corpus -- --gib 2 --single-file /tmp/huge.json.gz
      One gzipped {"Records":[...]} document of 2 GiB uncompressed.
`;

/** Declares every flag once, grouped; the help text is generated from these declarations. */
function defineCorpusCommand(): Command {
  const command = new Command('npm run corpus --')
    .description('Write a reproducible CloudTrail corpus made from real records, for benchmarks.')
    .addHelpText('after', EXAMPLES);
  const group = (heading: string, options: Option[]) =>
    options.forEach((option) => command.addOption(option.helpGroup(heading)));

  group('Output (give one):', [
    new Option('--out <DIR>', 'write the S3 delivery layout under DIR/AWSLogs/'),
    new Option('--single-file <PATH>', 'write one {"Records":[...]} file (.json or .json.gz)'),
  ]);
  group('Size (give one):', [
    new Option('--events <N>', 'number of events').argParser(wholeNumber(1)),
    new Option('--gib <G>', 'with --single-file: stop at G GiB of uncompressed JSON').argParser(
      positiveNumber,
    ),
  ]);
  group('Content:', [
    new Option('--templates <DIR>', 'folder of real CloudTrail logs to copy calls from').default(
      join(repoRoot, 'sample', 'AWSLogs'),
      'sample/AWSLogs',
    ),
    new Option('--identities <N>', 'distinct calling identities')
      .argParser(wholeNumber(1))
      .default(200),
    new Option('--accounts <N>', 'AWS accounts the identities belong to')
      .argParser(wholeNumber(1))
      .default(1),
    new Option('--days <N>', 'days the event times spread over')
      .argParser(positiveNumber)
      .default(30),
    new Option('--start <DATE>', 'time of the first event')
      .argParser(instant)
      .default(Date.parse('2024-01-01T00:00:00Z'), '2024-01-01T00:00:00Z'),
    new Option('--error-rate <F>', 'share of calls that fail').argParser(fraction).default(0.1),
    new Option('--seed <S>', 'any text; another seed gives another corpus').default('1'),
  ]);
  group('Layout:', [
    new Option('--per-file <MIN-MAX>', 'events per file in the S3 layout')
      .argParser(eventRange)
      .default({ min: 1000, max: 5000 }, '1000-5000'),
    new Option('--tiny', 'tiny-files mode: 0-3 events per file (overrides --per-file)').default(
      false,
    ),
    new Option('--gzip-level <0-9>', 'gzip compression level').argParser(gzipLevel).default(6),
  ]);
  return command.action(makeCorpus);
}

async function makeCorpus(flags: CorpusFlags): Promise<void> {
  const started = performance.now();
  const templates = loadTemplates(flags.templates);
  log.info(
    `Templates: ${templates.records.length} records from ${templates.filesRead} files under ${flags.templates}`,
  );
  if (templates.filesWithoutRecords > 0) {
    log.warn(
      `${templates.filesWithoutRecords} template files held no usable record (not JSON, digests or empty)`,
    );
  }
  const result = await generateCorpus({
    templates,
    out: flags.out,
    singleFile: flags.singleFile,
    events: flags.events,
    gib: flags.gib,
    identities: flags.identities,
    accounts: flags.accounts,
    perFile: flags.tiny ? { min: 0, max: 3 } : flags.perFile,
    startMs: flags.start,
    days: flags.days,
    errorRate: flags.errorRate,
    seed: flags.seed,
    gzipLevel: flags.gzipLevel,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const mib = (result.bytes / 1024 ** 2).toFixed(1);
  log.notice(
    `Wrote ${result.events} events in ${result.files} files (${mib} MiB of JSON) to ${flags.out ?? flags.singleFile} in ${seconds} s`,
  );
}

function gzipLevel(value: string): number {
  const level = wholeNumber(0)(value);
  if (level > 9) throw new InvalidArgumentError('Expected a gzip level from 0 to 9.');
  return level;
}

process.exitCode = await runCommand(defineCorpusCommand(), process.argv);
