import type { CloudTrailEvent } from '../model.js';

/** Where decoded events go, and the counters of what was found that is not an event. */
export interface RecordSink {
  event(event: CloudTrailEvent): void;
  /** Something was read that is not an event; `kind` says what. */
  skipped(kind: SkippedRecordKind): void;
  /** A `CloudTrailEvent` string that is not valid JSON. */
  malformedRecord(detail: string): void;
}

export type SkippedRecordKind = 'digest' | 'insight' | 'nonObject';

/**
 * Hands every event of one parsed document to the sink. Shapes, tried in order: an object with
 * a `Records` array (a delivery file), a bare array, an object with an `Events` array (the
 * output of `aws cloudtrail lookup-events`), any other object as a single event.
 */
export function emitDocument(document: unknown, sink: RecordSink): void {
  if (Array.isArray(document)) {
    for (const element of document) emitRecord(element, sink);
    return;
  }
  if (!isObject(document)) {
    sink.skipped('nonObject');
    return;
  }
  if (Array.isArray(document.Records)) {
    for (const element of document.Records) emitRecord(element, sink);
  } else if (Array.isArray(document.Events)) {
    for (const element of document.Events) emitLookupEvent(element, sink);
  } else {
    emitRecord(document, sink);
  }
}

/** An element of an `Events` list carries the real event as a JSON string in `CloudTrailEvent`. */
export function emitLookupEvent(element: unknown, sink: RecordSink): void {
  if (!isObject(element)) {
    sink.skipped('nonObject');
    return;
  }
  const embedded = element.CloudTrailEvent;
  if (embedded === undefined || embedded === null) {
    emitRecord(element, sink);
  } else if (typeof embedded === 'string') {
    let event: unknown;
    try {
      event = JSON.parse(embedded);
    } catch {
      sink.malformedRecord('CloudTrailEvent is not valid JSON');
      return;
    }
    emitRecord(event, sink);
  } else if (isObject(embedded)) {
    emitRecord(embedded, sink);
  } else {
    sink.malformedRecord('CloudTrailEvent is neither a JSON string nor an object');
  }
}

/**
 * Digest files sit in the same tree as logs but hold hashes, and Insights records describe
 * unusual call rates rather than calls: neither is an event of an identity.
 */
export function emitRecord(record: unknown, sink: RecordSink): void {
  if (!isObject(record)) {
    sink.skipped('nonObject');
  } else if (Object.hasOwn(record, 'digestStartTime') || Object.hasOwn(record, 'digestS3Bucket')) {
    sink.skipped('digest');
  } else if (record.eventType === 'AwsCloudTrailInsight') {
    sink.skipped('insight');
  } else {
    sink.event(record);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
