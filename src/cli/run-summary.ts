import { createReadStream, existsSync, statSync } from 'node:fs';
import type { LogFile } from '../discover/index.js';
import { availableParallelism } from 'node:os';
import { createSummary } from '../aggregate/index.js';
import { DEFAULT_DECODE_LIMITS } from '../decode/index.js';
import { findLogFiles, type Discovery } from '../discover/index.js';
import {
  buildReport,
  createSourceIpLookup,
  loadAbusedList,
  lookUpGeoFacts,
  openGeoIpDatabases,
  type GeoIpDatabases,
  type GeoIpReadFailures,
  type LoadedAbusedList,
} from '../enrich/index.js';
import { RuntimeError, UserError } from '../errors.js';
import { buildTimeWindow } from '../filter/index.js';
import { log } from '../log.js';
import type { IdentityReport, OutputFormat } from '../model.js';
import { checkOutputPath, writeReportFile, writeReportToStdout } from '../output/index.js';
import { renderCsv } from '../render/csv.js';
import { renderJson, renderJsonLines } from '../render/json.js';
import { resolveSyncedListPath } from '../rules/index.js';
import {
  createScanTally,
  scanFiles,
  scanStream,
  type ScanOptions,
  type ScanOutcome,
  type ScanThreads,
} from '../scan/index.js';
import { reportGeoIpFailures, reportGeoIpSetup } from './print-geoip.js';
import { reportTally } from './print-tally.js';
import type { SummaryFlags } from './summary-options.js';
import { terminalColumns, useColor } from './terminal.js';

/** Most bytes read from one file after decompression, a guard against decompression bombs. */
const MAX_DECOMPRESSED_BYTES = 32 * 1024 ** 3;

interface SummaryPlan {
  flags: SummaryFlags;
  /** `pipe`: -f names a FIFO or other stream (`-f <(zcat …)`), read like standard input. */
  input: { kind: 'directory' | 'file' | 'stdin' | 'pipe'; path: string };
  format: OutputFormat | 'terminal';
  scanOptions: ScanOptions;
  abused: LoadedAbusedList;
  threads: ScanThreads;
  geoIp: GeoIpDatabases | undefined;
}

/** `aws-ct-summary`: validate everything, scan, build the report, write it, print the tally. */
export async function runSummary(flags: SummaryFlags, version: string): Promise<void> {
  const started = process.hrtime.bigint();
  const plan = planSummary(flags);
  printBanner(plan, version);
  if (plan.geoIp) reportGeoIpSetup(plan.geoIp);

  const outcome = await scanInput(plan);
  // GeoIP runs here, over the distinct values of the summary, so it never slows the scan.
  const geoIpFailures: GeoIpReadFailures = new Map();
  const geoIp = plan.geoIp;
  const rows = buildReport(outcome.summary, {
    abusedList: plan.abused.list,
    hideDescriptions: flags.hideDescriptions,
    includeStsKeys: flags.includeStsKeys,
    lookUpSourceIp: geoIp
      ? createSourceIpLookup((address) => lookUpGeoFacts(geoIp, address, geoIpFailures))
      : undefined,
  });
  reportGeoIpFailures(geoIpFailures);
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
  const abused = loadAbusedList({
    explicitPath: flags.abusedList,
    syncedPath: resolveSyncedListPath(),
  });
  const geoIp = flags.GeoIP === undefined ? undefined : openGeoIpDatabases(flags.GeoIP);
  const input = locateInput(flags);
  return {
    flags,
    input,
    format,
    abused,
    geoIp,
    scanOptions: {
      timeWindow,
      allIdentities: flags.allIdentities,
      decodeLimits: DEFAULT_DECODE_LIMITS,
      maxDecompressedBytes: parseSize(flags.maxDecompressedSize, MAX_DECOMPRESSED_BYTES),
    },
    threads: parseThreads(flags.threads),
  };
}

function parseThreads(value: string | undefined): ScanThreads {
  if (value === undefined) return { count: availableParallelism(), chosen: false };
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
    throw new UserError(
      `--threads "${value}": not a thread count. Use a whole number from 1 to 256, e.g. --threads 4.`,
    );
  }
  return { count: threads, chosen: true };
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  K: 1024,
  M: 1024 ** 2,
  G: 1024 ** 3,
  T: 1024 ** 4,
};

function parseSize(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?$/i.exec(value.trim());
  const bytes = match ? Math.floor(Number(match[1]) * SIZE_UNITS[match[2]!.toUpperCase()]!) : NaN;
  if (!(bytes > 0)) {
    throw new UserError(
      `--max-decompressed-size "${value}": not a size. Use a number with an optional unit K, M, G or T, e.g. --max-decompressed-size 64G.`,
    );
  }
  return bytes;
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
  const stats = statSync(path);
  if (kind === 'directory' && !stats.isDirectory()) {
    throw new UserError(`-d ${path}: not a directory. Use -f for a single file, e.g. -f ${path}`);
  }
  if (kind === 'file' && stats.isDirectory()) {
    throw new UserError(`-f ${path}: is a directory. Use -d to scan a tree, e.g. -d ${path}`);
  }
  if (kind === 'file' && !stats.isFile()) return { kind: 'pipe', path };
  return { kind, path };
}

async function scanInput(plan: SummaryPlan): Promise<ScanOutcome> {
  const { input, scanOptions } = plan;
  if (input.kind === 'stdin' || input.kind === 'pipe') {
    const outcome = { summary: createSummary(), tally: createScanTally() };
    outcome.tally.filesFound = 1;
    const [name, stream] =
      input.kind === 'stdin'
        ? ['<stdin>', process.stdin]
        : [input.path, createReadStream(input.path)];
    await scanStream(name, stream, outcome.summary, outcome.tally, scanOptions);
    return outcome;
  }

  const discovery: Discovery =
    input.kind === 'directory'
      ? findLogFiles(input.path)
      : {
          files: [{ path: input.path, size: statSync(input.path).size }],
          digestFiles: [],
          problems: [],
        };
  // The progress bar's library is loaded only when there is a terminal to draw on.
  const progress = showsProgress(discovery.files, plan.flags.quiet)
    ? (await import('./progress.js')).createProgress(discovery.files)
    : undefined;
  const outcome = await scanFiles(discovery.files, scanOptions, plan.threads, progress?.update);
  progress?.stop();

  outcome.tally.skippedFiles.digestFile += discovery.digestFiles.length;
  outcome.tally.filesFound += discovery.digestFiles.length;
  for (const problem of discovery.problems) {
    outcome.tally.skippedFiles[
      problem.reason.startsWith('not a regular') ? 'notRegular' : 'unreadable'
    ]++;
    outcome.tally.problems.push({ path: problem.path, message: problem.reason });
  }
  return outcome;
}

async function writeReport(plan: SummaryPlan, rows: IdentityReport[]): Promise<void> {
  const { flags, format } = plan;
  if (format === 'terminal') {
    // Loaded only here: measuring text width for a terminal costs start-up time a file does not.
    const { renderTerminalReport } = await import('../render/terminal.js');
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
  else await writeReportFile(flags.output, text, flags.clobber);
}

function printBanner(plan: SummaryPlan, version: string): void {
  log.info(`trailscope ${version}: per-identity summary of AWS CloudTrail logs`);
  log.info(`Input: ${plan.input.kind === 'stdin' ? 'standard input' : plan.input.path}`);
  log.info(
    `Abused-API list: ${plan.abused.origin} (${plan.abused.path}, ${plan.abused.list.size} entries)`,
  );
  // Printed even with --quiet: the report was built with another list than the user set up.
  const problem = plan.abused.syncedProblem;
  if (problem) {
    log.warn(
      `The synced abused-API list ${problem.path} is not usable (${problem.reason}); ` +
        "the bundled list was used instead. Run 'trailscope update-rules' to replace it.",
    );
  }
}

function showsProgress(files: readonly LogFile[], quiet: boolean): boolean {
  return !quiet && log.sink.isTTY && files.length > 0;
}
