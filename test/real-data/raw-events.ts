/**
 * An independent, deliberately plain reading of the real data sets, so that the report can be
 * checked against numbers the tool did not compute. It handles only what those files hold:
 * whole documents or clean JSON lines, gzip, Records, bare arrays and lookup-events output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

type Json = Record<string, unknown>;

export interface ExpectedIdentity {
  events: number;
  failed: number;
  first: number | undefined;
  last: number | undefined;
  regions: Set<unknown>;
  types: Set<unknown>;
}

const CANDIDATE = /\.(json|jsonl|json\.gz|jsonl\.gz|gz)$/i;

/** Candidate files under `root` in any order (the tool's order does not matter here). */
export function candidateFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && CANDIDATE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.split('/').includes('CloudTrail-Digest'));
}

/** The CloudTrail events of one file; a file that is not JSON at all yields none. */
export function rawEvents(path: string): Json[] {
  let bytes = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  return documentsOf(text).flatMap(eventsOf).filter(isEvent);
}

export function expectedIdentities(events: Json[]): Map<string, ExpectedIdentity> {
  const identities = new Map<string, ExpectedIdentity>();
  for (const event of events) {
    const userIdentity = event.userIdentity as Json | undefined;
    const arn = userIdentity?.arn;
    if (typeof arn !== 'string' || arn === '') continue;
    const identity = identities.get(arn) ?? {
      events: 0,
      failed: 0,
      first: undefined,
      last: undefined,
      regions: new Set(),
      types: new Set(),
    };
    identities.set(arn, identity);
    identity.events++;
    if (failed(event)) identity.failed++;
    identity.regions.add(event.awsRegion);
    identity.types.add(userIdentity?.type);
    const time = typeof event.eventTime === 'string' ? Date.parse(event.eventTime) : NaN;
    if (!Number.isNaN(time)) {
      identity.first = Math.min(identity.first ?? time, time);
      identity.last = Math.max(identity.last ?? time, time);
    }
  }
  return identities;
}

function documentsOf(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          return [JSON.parse(line)];
        } catch {
          return [];
        }
      });
  }
}

function eventsOf(document: unknown): unknown[] {
  if (Array.isArray(document)) return document;
  const object = document as Json;
  if (Array.isArray(object.Records)) return object.Records;
  if (Array.isArray(object.Events)) {
    return object.Events.map((element: Json) =>
      typeof element.CloudTrailEvent === 'string' ? JSON.parse(element.CloudTrailEvent) : element,
    );
  }
  return [document];
}

function isEvent(value: unknown): value is Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const event = value as Json;
  if ('digestStartTime' in event || 'digestS3Bucket' in event) return false;
  return event.eventType !== 'AwsCloudTrailInsight';
}

function failed(event: Json): boolean {
  const present = (value: unknown) => value !== undefined && value !== null && value !== '';
  const response = event.responseElements as Json | null | undefined;
  return (
    present(event.errorCode) ||
    present(event.errorMessage) ||
    (typeof response === 'object' && response?.ConsoleLogin === 'Failure')
  );
}
