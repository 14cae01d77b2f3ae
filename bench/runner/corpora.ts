import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '../../src/log.js';
import { GENERATOR_VERSION, generateCorpus, type TemplateSet } from '../generate/index.js';

/** What to generate for one benchmark case. */
export interface CorpusSpec {
  /** Readable part of the folder name: `events`, `tiny`, `huge`, `scale`. */
  name: string;
  layout: 'tree' | 'single';
  events?: number;
  gib?: number;
  identities: number;
  perFile: { min: number; max: number };
  seed: string;
}

/** A corpus ready on disk. */
export interface Corpus {
  /** What the tool and the floor are pointed at: the `AWSLogs` folder, or the single file. */
  path: string;
  layout: 'tree' | 'single';
  events: number;
  files: number;
  /** Uncompressed JSON bytes. */
  bytes: number;
}

// Fixed so that corpora are comparable from run to run; only the spec's values vary.
const FIXED = {
  accounts: 1,
  days: 30,
  startMs: Date.parse('2024-01-01T00:00:00Z'),
  errorRate: 0.1,
  gzipLevel: 6,
};

/**
 * Returns the corpus for `spec`, generating it only when no finished one exists. The folder name
 * carries a hash of everything that shapes the bytes (spec, template files, generator version),
 * and a corpus counts as finished only once its manifest is written, so an interrupted build is
 * redone rather than measured.
 */
export async function ensureCorpus(
  spec: CorpusSpec,
  templates: TemplateSet,
  root: string,
): Promise<Corpus> {
  const key = createHash('sha256')
    .update(JSON.stringify({ GENERATOR_VERSION, spec, FIXED, templates: templates.fingerprint }))
    .digest('hex')
    .slice(0, 12);
  const folder = join(root, `${spec.name}-${key}`);
  const manifest = join(folder, 'manifest.json');
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as Corpus;

  const building = `${folder}.partial`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  log.info(`Building corpus ${spec.name} (${describeSpec(spec)}) in ${folder}`);
  const started = performance.now();
  const single = spec.layout === 'single' ? join(building, `${spec.name}.json.gz`) : undefined;
  const result = await generateCorpus({
    ...FIXED,
    templates,
    out: single ? undefined : building,
    singleFile: single,
    events: spec.events,
    gib: spec.gib,
    identities: spec.identities,
    perFile: spec.perFile,
    seed: spec.seed,
  });
  log.info(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const corpus: Corpus = {
    path: single ? join(folder, `${spec.name}.json.gz`) : join(folder, 'AWSLogs'),
    layout: spec.layout,
    events: result.events,
    files: result.files,
    bytes: result.bytes,
  };
  writeFileSync(join(building, 'manifest.json'), `${JSON.stringify(corpus, null, 2)}\n`);
  rmSync(folder, { recursive: true, force: true });
  renameSync(building, folder);
  return corpus;
}

function describeSpec(spec: CorpusSpec): string {
  const size =
    spec.events !== undefined ? `${spec.events.toLocaleString('en-US')} events` : `${spec.gib} GiB`;
  const files =
    spec.layout === 'single'
      ? 'one file'
      : `${spec.perFile.min}-${spec.perFile.max} events per file`;
  return `${size}, ${spec.identities} identities, ${files}`;
}
