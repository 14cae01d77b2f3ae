import { existsSync, statSync } from 'node:fs';
import { createSummary } from '../aggregate/index.js';
import { DEFAULT_DECODE_LIMITS, decompressIfGzip } from '../decode/index.js';
import { findLogFiles, type Discovery } from '../discover/index.js';
import { buildReport, loadAbusedList, type LoadedAbusedList } from '../enrich/index.js';
import { RuntimeError, UserError } from '../errors.js';
import { buildTimeWindow } from '../filter/index.js';
import { log } from '../log.js';
import type { IdentityReport, OutputFormat } from '../model.js';
import { checkOutputPath, writeReportFile, writeReportToStdout } from '../output/index.js';
import { renderCsv, renderJson, renderJsonLines, renderTerminalReport } from '../render/index.js';
import {
  createScanTally,
  scanContent,
  scanFiles,
  type ScanOptions,
  type ScanOutcome,
} from '../scan/index.js';
import { reportTally } from './print-tally.js';
import { createProgress } from './progress.js';
import { readStandardInput } from './stdin.js';
import type { SummaryFlags } from './summary-options.js';
import { terminalColumns, useColor } from './terminal.js';

/** Largest decompressed size read from one gzip file, a guard against decompression bombs. */
const MAX_DECOMPRESSED_BYTES = 4 * 1024 * 1024 * 1024 - 1;

interface SummaryPlan {
  flags: SummaryFlags;
  input: { kind: 'directory' | 'file' | 'stdin'; path: string };
  format: OutputFormat | 'terminal';
  scanOptions: ScanOptions;
  abused: LoadedAbusedList;
}

/** `aws-ct-summary`: validate everything, scan, build the report, write it, print the tally. */
export async function runSummary(flags: SummaryFlags, version: string): Promise<void> {
  const started = process.hrtime.bigint();
  const plan = planSummary(flags);
  printBanner(plan, version);

  const outcome = await scanInput(plan);
  const rows = buildReport(outcome.summary, {
    abusedList: plan.abused.list,
    hideDescriptions: flags.hideDescriptions,
    includeStsKeys: flags.includeStsKeys,
  });
  await writeReport(plan, rows);

  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  reportTally(outcome, rows.length, plan, elapsedSeconds);
}

/** Every check that can fail because of how the tool was called, before any scanning. */
function planSummary(flags: SummaryFlags): SummaryPlan {
  if (flags.directory !== undefined && flags.file !== undefined) {
    throw new UserError(
      `Give exactly one input, not both -d "${flags.directory}" and -f "${flags.file}", ` +
        'e.g. trailscope aws-ct-summary -d ./AWSLogs',
    );
  }
  if (flags.directory === undefined && flags.file === undefined) {
    throw new UserError(
      'Give exactly one input: -d DIR or -f FILE, e.g. trailscope aws-ct-summary -d ./AWSLogs',
    );
  }
  const timeWindow = buildTimeWindow({
    timelineStart: flags.timelineStart,
    timelineEnd: flags.timelineEnd,
    timeOffset: flags.timeOffset,
    now: new Date(),
  });
  const format = chooseFormat(flags);
  if (flags.output !== undefined) checkOutputPath(flags.output, flags.clobber);
  const abused = loadAbusedList(flags.abusedList);
  const input = locateInput(flags);
  return {
    flags,
    input,
    format,
    abused,
    scanOptions: {
      timeWindow,
      allIdentities: flags.allIdentities,
      readLimits: { maxDecompressedBytes: MAX_DECOMPRESSED_BYTES },
      decodeLimits: DEFAULT_DECODE_LIMITS,
    },
  };
}

function chooseFormat(flags: SummaryFlags): SummaryPlan['format'] {
  if (flags.outputType) return flags.outputType;
  if (flags.output === undefined) return 'terminal';
  const lower = flags.output.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  return 'csv';
}

function locateInput(flags: SummaryFlags): SummaryPlan['input'] {
  if (flags.file === '-') return { kind: 'stdin', path: '-' };
  const path = (flags.directory ?? flags.file) as string;
  const kind = flags.directory !== undefined ? 'directory' : 'file';
  if (!existsSync(path)) {
    throw new RuntimeError(
      `Input ${path} does not exist. Check the path given to ${kind === 'directory' ? '-d' : '-f'}.`,
    );
  }
  const isDirectory = statSync(path).isDirectory();
  if (kind === 'directory' && !isDirectory) {
    throw new UserError(`-d ${path}: not a directory. Use -f for a single file, e.g. -f ${path}`);
  }
  if (kind === 'file' && isDirectory) {
    throw new UserError(`-f ${path}: is a directory. Use -d to scan a tree, e.g. -d ${path}`);
  }
  return { kind, path };
}

async function scanInput(plan: SummaryPlan): Promise<ScanOutcome> {
  const { input, scanOptions } = plan;
  if (input.kind === 'stdin') {
    const summary = createSummary();
    const tally = createScanTally();
    tally.filesFound = 1;
    const raw = await readStandardInput();
    const content = decompressIfGzip(raw, scanOptions.readLimits);
    scanContent('<stdin>', content, summary, tally, scanOptions);
    return { summary, tally };
  }

  const discovery: Discovery =
    input.kind === 'directory'
      ? findLogFiles(input.path)
      : {
          files: [{ path: input.path, size: statSync(input.path).size }],
          digestFiles: [],
          problems: [],
        };
  const progress = createProgress(discovery.files, plan.flags.quiet);
  const outcome = scanFiles(discovery.files, scanOptions, progress?.update);
  progress?.stop();

  outcome.tally.skippedFiles.digestFile += discovery.digestFiles.length;
  outcome.tally.filesFound += discovery.digestFiles.length;
  for (const problem of discovery.problems) {
    outcome.tally.skippedFiles[
      problem.reason.startsWith('not a regular') ? 'notRegular' : 'unreadable'
    ]++;
    outcome.tally.problems.unshift({ path: problem.path, message: problem.reason });
  }
  return outcome;
}

async function writeReport(plan: SummaryPlan, rows: IdentityReport[]): Promise<void> {
  const { flags, format } = plan;
  if (format === 'terminal') {
    const color = useColor(process.stdout, flags.color);
    await writeReportToStdout(renderTerminalReport(rows, { color, columns: terminalColumns() }));
    return;
  }
  const text =
    format === 'csv'
      ? renderCsv(rows)
      : format === 'json'
        ? renderJson(rows)
        : renderJsonLines(rows);
  if (flags.output === undefined) await writeReportToStdout(text);
  else writeReportFile(flags.output, text, flags.clobber);
}

function printBanner(plan: SummaryPlan, version: string): void {
  log.info(`trailscope ${version}: per-identity summary of AWS CloudTrail logs`);
  log.info(`Input: ${plan.input.kind === 'stdin' ? 'standard input' : plan.input.path}`);
  log.info(
    `Abused-API list: ${plan.abused.origin} (${plan.abused.path}, ${plan.abused.list.size} entries)`,
  );
}
