import { Command, InvalidArgumentError, Option } from 'commander';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { UserError } from '../src/errors.js';
import { eventRange, positiveNumber, repoRoot, runCommand, wholeNumber } from './cli-support.js';
import { loadTemplates, type TemplateSet } from './generate/index.js';
import { timeTarget, type BenchTarget, type RunSettings } from './runner/cases.js';
import { ensureCorpus, type CorpusSpec } from './runner/corpora.js';
import { describeMachine, toolKnowsThreads } from './runner/machine.js';
import { renderCaseRows, renderRunTimes, TABLE_HEADER, type CaseResult } from './runner/report.js';

const CASES = ['events', 'tiny', 'huge', 'scale'] as const;
type CaseName = (typeof CASES)[number];

/** The flags of `npm run bench`, as commander hands them over. */
interface BenchFlags {
  case: CaseName[];
  runs: number;
  threads: number;
  events: number;
  identities: number;
  perFile: { min: number; max: number };
  tinyEvents: number;
  tinyDir?: string;
  hugeGib: number;
  scaleEvents: number;
  templates: string;
  seed: string;
}

const EXAMPLES = `
Cases:
  events  (a) many events in the S3 layout: throughput on typical delivery files
  tiny    (b) thousands of files of 0-3 events: per-file overhead (plus --tiny-dir, if given)
  huge    (c) one huge {"Records":[...]} file: the tool only, as it cannot be parsed whole
  scale   (d) five times the events of (a), same identities and values: memory must not grow

Examples:
  $ npm run bench
      Cases events, tiny and huge, five runs each.
  $ npm run bench -- --case huge --huge-gib 0.5 --runs 3
      A quicker look at the single-file case.
  $ npm run bench -- --case tiny --tiny-dir ~/incident/AWSLogs
      Also time a real folder of small delivery files.
`;

function defineBenchCommand(): Command {
  const command = new Command('npm run bench --')
    .description(
      'Time trailscope against the floor (read, gunzip and JSON.parse only) on generated corpora.',
    )
    .addHelpText('after', EXAMPLES);
  const group = (heading: string, options: Option[]) =>
    options.forEach((option) => command.addOption(option.helpGroup(heading)));

  group('What to run:', [
    new Option('--case <LIST>', `comma-separated, from: ${CASES.join(', ')}`)
      .argParser(caseList)
      .default(['events', 'tiny', 'huge'], 'events,tiny,huge'),
    new Option('--runs <N>', 'runs of each program per case').argParser(wholeNumber(1)).default(5),
    new Option('--threads <N>', 'worker threads for the floor, and the tool when it has --threads')
      .argParser(wholeNumber(1))
      .default(availableParallelism(), 'the available cores'),
  ]);
  group('Corpora (built once, kept in bench/corpus/):', [
    new Option('--events <N>', 'events in case events')
      .argParser(wholeNumber(1))
      .default(1_000_000),
    new Option('--identities <N>', 'distinct identities in every generated corpus')
      .argParser(wholeNumber(1))
      .default(200),
    new Option('--per-file <MIN-MAX>', 'events per file in cases events and scale')
      .argParser(eventRange)
      .default({ min: 1000, max: 5000 }, '1000-5000'),
    new Option('--tiny-events <N>', 'events in case tiny, 0-3 a file')
      .argParser(wholeNumber(1))
      .default(10_000),
    new Option('--tiny-dir <DIR>', 'also time this folder in case tiny, e.g. a real trail'),
    new Option('--huge-gib <G>', 'uncompressed size of the file in case huge')
      .argParser(positiveNumber)
      .default(2),
    new Option('--scale-events <N>', 'events in case scale')
      .argParser(wholeNumber(1))
      .default(5_000_000),
    new Option('--templates <DIR>', 'real CloudTrail logs the corpora copy calls from').default(
      join(repoRoot, 'sample', 'AWSLogs'),
      'sample/AWSLogs',
    ),
    new Option('--seed <S>', 'generator seed').default('1'),
  ]);
  return command.action(runBenchmark);
}

async function runBenchmark(flags: BenchFlags): Promise<void> {
  // Every case generates its corpus from the templates; fail before the first long step.
  if (!isDirectory(flags.templates)) {
    throw new UserError(
      `Template folder ${flags.templates} not found. Give --templates DIR, a folder of CloudTrail logs.`,
    );
  }
  if (flags.tinyDir !== undefined && !isDirectory(flags.tinyDir)) {
    throw new UserError(
      `--tiny-dir ${flags.tinyDir}: not a folder. Give a folder of CloudTrail files.`,
    );
  }
  const toolHasThreads = toolKnowsThreads();
  const settings: RunSettings = {
    runs: flags.runs,
    threads: toolHasThreads ? flags.threads : 1,
    toolHasThreads,
    scratch: mkdtempSync(join(tmpdir(), 'trailscope-bench-')),
  };
  try {
    printHeader(flags, settings);
    const templates = loadTemplates(flags.templates);
    const results: CaseResult[] = [];
    for (const name of flags.case) {
      for (const target of await targetsOf(name, flags, templates)) {
        const result = await timeTarget(target, settings);
        results.push(result);
        for (const row of renderCaseRows(result)) process.stdout.write(`${row}\n`);
      }
    }
    process.stdout.write(
      `\nWall times in run order:\n\n${results.flatMap(renderRunTimes).join('\n')}\n`,
    );
  } finally {
    rmSync(settings.scratch, { recursive: true, force: true });
  }
}

function printHeader(flags: BenchFlags, settings: RunSettings): void {
  const threads = settings.toolHasThreads
    ? `- Threads: ${settings.threads} for the tool (--threads) and the floor`
    : `- Threads: this trailscope has no --threads option yet, so it runs in one thread and is compared with a one-worker floor${flags.threads > 1 ? ` (--threads ${flags.threads} ignored)` : ''}`;
  const lines = [
    '# trailscope benchmark',
    '',
    ...describeMachine(),
    threads,
    `- Runs: ${settings.runs} of each program per case, alternating; wall time and peak RSS are medians, ratios are medians of tool/floor pairs from the same round`,
    '',
    ...TABLE_HEADER,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The inputs of one case, generating its corpus unless a finished one is already on disk. */
async function targetsOf(
  name: CaseName,
  flags: BenchFlags,
  templates: TemplateSet,
): Promise<BenchTarget[]> {
  const corpusRoot = join(repoRoot, 'bench', 'corpus');
  const base = { identities: flags.identities, perFile: flags.perFile, seed: flags.seed };
  const generated = async (
    label: string,
    spec: CorpusSpec,
    withFloor = true,
  ): Promise<BenchTarget> => {
    const corpus = await ensureCorpus(spec, templates, corpusRoot);
    return {
      label,
      path: corpus.path,
      isFile: corpus.layout === 'single',
      withFloor,
      expected: corpus,
    };
  };

  switch (name) {
    case 'events':
      return [
        await generated('(a) events', { ...base, name, layout: 'tree', events: flags.events }),
      ];
    case 'tiny': {
      const identities = Math.min(flags.identities, flags.tinyEvents);
      const targets = [
        await generated('(b) tiny files', {
          ...base,
          name,
          layout: 'tree',
          events: flags.tinyEvents,
          identities,
          perFile: { min: 0, max: 3 },
        }),
      ];
      if (flags.tinyDir !== undefined) {
        targets.push({
          label: `(b) ${basename(flags.tinyDir)}`,
          path: flags.tinyDir,
          isFile: false,
          withFloor: true,
        });
      }
      return targets;
    }
    case 'huge':
      return [
        await generated(
          '(c) one huge file',
          { ...base, name, layout: 'single', gib: flags.hugeGib },
          false,
        ),
      ];
    case 'scale':
      return [
        await generated('(d) scale', { ...base, name, layout: 'tree', events: flags.scaleEvents }),
      ];
  }
}

function caseList(value: string): CaseName[] {
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(CASES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new InvalidArgumentError(
      `Unknown case ${unknown.join(', ')}; pick from ${CASES.join(', ')}, e.g. --case events,tiny.`,
    );
  }
  return names as CaseName[];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

process.exitCode = await runCommand(defineBenchCommand(), process.argv);
