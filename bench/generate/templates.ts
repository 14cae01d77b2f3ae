import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../../src/errors.js';
import type { CloudTrailEvent } from '../../src/model.js';

/** Real records to copy the shape of calls from, and what was read to get them. */
export interface TemplateSet {
  records: CloudTrailEvent[];
  /** Distinct user agents seen in the records, in the order first seen. */
  userAgents: string[];
  filesRead: number;
  /** Files that held no usable record (not JSON, digests only, empty). */
  filesWithoutRecords: number;
  /** Hash of the names and bytes of the files read: a corpus built from other files differs. */
  fingerprint: string;
}

/**
 * More templates add little variety but cost memory; a large log folder given as templates is
 * read only up to this many records (in sorted path order, so the choice stays reproducible).
 */
const MAX_TEMPLATE_RECORDS = 50_000;

const CANDIDATE = /\.(json|jsonl)(\.gz)?$/i;

/** Reads every CloudTrail file under `root`, in sorted order, keeping the records that are calls. */
export function loadTemplates(root: string): TemplateSet {
  const set: TemplateSet = {
    records: [],
    userAgents: [],
    filesRead: 0,
    filesWithoutRecords: 0,
    fingerprint: '',
  };
  const hash = createHash('sha256');
  const agents = new Set<string>();
  for (const path of listCandidates(root)) {
    if (set.records.length >= MAX_TEMPLATE_RECORDS) break;
    const bytes = readFileSync(path);
    hash.update(`${relative(root, path)}\0${bytes.length}\0`).update(bytes);
    set.filesRead++;
    const records = extractRecords(bytes).filter(isCall);
    if (records.length === 0) set.filesWithoutRecords++;
    for (const record of records.slice(0, MAX_TEMPLATE_RECORDS - set.records.length)) {
      set.records.push(stripOutcome(record));
      if (typeof record.userAgent === 'string' && record.userAgent !== '') {
        agents.add(record.userAgent);
      }
    }
  }
  if (set.records.length === 0) {
    throw new UserError(
      `No CloudTrail records found under ${root} to use as templates. Give --templates DIR, a folder of CloudTrail .json or .json.gz files.`,
    );
  }
  set.userAgents = [...agents];
  set.fingerprint = hash.digest('hex');
  return set;
}

function listCandidates(directory: string): string[] {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new UserError(
      `Cannot read the template folder ${directory} (${(error as NodeJS.ErrnoException).code}). Give --templates DIR, a folder of CloudTrail logs.`,
    );
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const paths: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    // Digest files hold hashes of log files, not calls.
    if (entry.isDirectory() && entry.name !== 'CloudTrail-Digest')
      paths.push(...listCandidates(path));
    else if (entry.isFile() && CANDIDATE.test(entry.name)) paths.push(path);
  }
  return paths;
}

/** Accepts a `{"Records": [...]}` document, a bare array, one event, or JSON lines of those. */
function extractRecords(raw: Buffer): CloudTrailEvent[] {
  const text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
  const whole = parseOrUndefined(text);
  if (whole !== undefined) return recordsOf(whole);
  return text.split('\n').flatMap((line) => recordsOf(parseOrUndefined(line)));
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function recordsOf(document: unknown): CloudTrailEvent[] {
  const list = Array.isArray(document)
    ? document
    : isObject(document) && Array.isArray(document.Records)
      ? document.Records
      : [document];
  return list.filter(isObject);
}

/** A record that describes an API call: not a digest, not an Insights event. */
function isCall(record: CloudTrailEvent): boolean {
  return (
    typeof record.eventName === 'string' &&
    !('digestStartTime' in record) &&
    !('digestS3Bucket' in record) &&
    record.eventType !== 'AwsCloudTrailInsight'
  );
}

/** The generator decides which calls fail, so the template's own outcome is removed. */
function stripOutcome(record: CloudTrailEvent): CloudTrailEvent {
  const copy = { ...record };
  delete copy.errorCode;
  delete copy.errorMessage;
  return copy;
}

function isObject(value: unknown): value is CloudTrailEvent {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
