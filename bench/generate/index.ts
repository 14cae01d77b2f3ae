import { existsSync, readdirSync } from 'node:fs';
import { UserError } from '../../src/errors.js';
import { EventFactory } from './events.js';
import { createPopulation } from './population.js';
import type { TemplateSet } from './templates.js';
import { writeSingleFile } from './write-single.js';
import { writeTree, type WriteResult } from './write-tree.js';

export { loadTemplates, type TemplateSet } from './templates.js';
export type { WriteResult } from './write-tree.js';

/**
 * Bump when the same options would produce different bytes, so that benchmark corpora cached
 * under the old generator are rebuilt instead of reused.
 */
export const GENERATOR_VERSION = 1;

export interface CorpusOptions {
  templates: TemplateSet;
  /** Exactly one of: a folder for the S3 delivery layout, or a single `.json` / `.json.gz`. */
  out?: string;
  singleFile?: string;
  /** How many events; or, for a single file only, `gib` of uncompressed JSON. */
  events?: number;
  gib?: number;
  identities: number;
  accounts: number;
  perFile: { min: number; max: number };
  startMs: number;
  days: number;
  errorRate: number;
  seed: string;
  gzipLevel: number;
}

/** Writes a corpus; the same options and template files always give byte-identical output. */
export async function generateCorpus(options: CorpusOptions): Promise<WriteResult> {
  checkCorpusOptions(options);
  const population = createPopulation({
    seed: options.seed,
    identities: options.identities,
    accounts: options.accounts,
    templateUserAgents: options.templates.userAgents,
    templateCount: options.templates.records.length,
    sessionStart: `${new Date(options.startMs).toISOString().slice(0, 19)}Z`,
  });
  const targetBytes = options.gib === undefined ? undefined : Math.round(options.gib * 1024 ** 3);
  const factoryOptions = {
    seed: options.seed,
    templates: options.templates.records,
    population,
    errorRate: options.errorRate,
    startMs: options.startMs,
    spanMs: options.days * 86_400_000,
  };
  const expectedEvents =
    options.events ??
    estimateEvents(new EventFactory({ ...factoryOptions, expectedEvents: 1 }), targetBytes ?? 0);
  const factory = new EventFactory({ ...factoryOptions, expectedEvents });

  const common = { seed: options.seed, gzipLevel: options.gzipLevel, factory, population };
  if (options.singleFile !== undefined) {
    return writeSingleFile({
      ...common,
      path: options.singleFile,
      events: options.events,
      targetBytes,
    });
  }
  return writeTree({
    ...common,
    out: options.out as string,
    events: expectedEvents,
    perFile: options.perFile,
  });
}

function checkCorpusOptions(options: CorpusOptions): void {
  if ((options.out === undefined) === (options.singleFile === undefined)) {
    throw new UserError('Give exactly one output: --out DIR (S3 layout) or --single-file PATH.');
  }
  if ((options.events === undefined) === (options.gib === undefined)) {
    throw new UserError('Give exactly one size: --events N, or --gib G with --single-file.');
  }
  if (options.gib !== undefined && options.singleFile === undefined) {
    throw new UserError('--gib sizes a single file; use --events N with --out DIR.');
  }
  if (options.events !== undefined && options.identities > options.events) {
    throw new UserError(
      `--identities ${options.identities} is more than --events ${options.events}: every identity needs at least one call. Lower --identities or raise --events.`,
    );
  }
  if (options.out !== undefined && existsSync(options.out) && readdirSync(options.out).length > 0) {
    throw new UserError(
      `Output folder ${options.out} is not empty. Pick another --out or remove it.`,
    );
  }
  if (options.singleFile !== undefined && existsSync(options.singleFile)) {
    throw new UserError(
      `Output file ${options.singleFile} already exists. Pick another --single-file or remove it.`,
    );
  }
}

/**
 * Sized by bytes, the event count is known only at the end, but event times are spread over the
 * requested days by count: estimate it from the mean size of a sample of events.
 */
function estimateEvents(probe: EventFactory, targetBytes: number): number {
  let bytes = 0;
  const sample = 2000;
  for (let i = 0; i < sample; i++) {
    bytes += Buffer.byteLength(probe.make(i, { awsRegion: 'us-east-1' })) + 1;
  }
  return Math.max(1, Math.round(targetBytes / (bytes / sample)));
}
