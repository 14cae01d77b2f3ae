import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readDeliverySlices, SlicedReadFailedError } from '../../src/decode/delivery-slices.js';
import type { RecordSink } from '../../src/decode/index.js';

/** What readDeliverySlices emitted, and what it returned or threw. */
function slice(text: string | Buffer, sliceBytes = 0, start = 0) {
  const emitted: unknown[] = [];
  const sink: RecordSink = {
    event: (event) => emitted.push(event),
    skipped: (kind) => emitted.push(kind),
    malformedRecord: () => assert.fail('a Records list has no lookup events'),
  };
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  try {
    return { emitted, read: readDeliverySlices(bytes, start, sink, sliceBytes), failed: false };
  } catch (error) {
    assert.ok(error instanceof SlicedReadFailedError, String(error));
    return { emitted, read: false, failed: true };
  }
}

const event = (i: number, extra: object = {}) => ({
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/u${i % 3}` },
  eventTime: `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z`,
  eventName: `Call${i}`,
  ...extra,
});
const delivery = (events: unknown[]) => JSON.stringify({ Records: events });
const events = Array.from({ length: 40 }, (_, i) => event(i));

describe('readDeliverySlices reads a file laid out as CloudTrail writes it', () => {
  for (const sliceBytes of [0, 300, 2000]) {
    it(`emits every event in order, with slices of ${sliceBytes} bytes`, () => {
      const result = slice(delivery(events), sliceBytes);
      assert.equal(result.read, true);
      assert.deepEqual(result.emitted, events);
    });
  }

  it('leaves a file of two slices or less to be parsed whole', () => {
    const text = delivery(events);
    assert.deepEqual(slice(text, Math.ceil(text.length / 2)), {
      emitted: [],
      read: false,
      failed: false,
    });
    assert.equal(slice(text, Math.floor(text.length / 2) - 1).read, true);
  });

  it('emits digests, Insights records and non-objects as the whole parse would', () => {
    const records = [
      event(0),
      { eventVersion: '1.0', digestStartTime: '2024-05-01T10:00:00Z' },
      { eventVersion: '1.0', eventType: 'AwsCloudTrailInsight' },
      event(1),
    ];
    const result = slice(delivery(records));
    assert.deepEqual(result.emitted, [event(0), 'digest', 'insight', event(1)]);
  });

  it('reads a file with a byte-order mark and a final line break', () => {
    const bytes = Buffer.from(`\ufeff${delivery(events)}\r\n`);
    const result = slice(bytes, 0, 3);
    assert.equal(result.read, true);
    assert.deepEqual(result.emitted, events);
  });

  it('decodes characters beyond ASCII in any slice as UTF-8', () => {
    const named = events.map((e, i) => (i % 7 === 3 ? { ...e, userAgent: `café ☕ 🔑 ${i}` } : e));
    const result = slice(delivery(named), 100);
    assert.deepEqual(result.emitted, named);
  });

  it('does not cut an event where a nested list of objects starts with eventVersion', () => {
    const nested = event(5, {
      requestParameters: { items: [{ eventVersion: '1' }, { eventVersion: '2' }] },
    });
    const text = delivery([event(4), nested, event(6)]);
    assert.ok(text.includes('},{"eventVersion":"2"'));
    const result = slice(text);
    assert.equal(result.read, true);
    assert.deepEqual(result.emitted, [event(4), nested, event(6)]);
  });

  it('keeps strings that hold the text that separates events', () => {
    const tricky = event(7, { errorMessage: '},{"eventVersion":"x"}]}' });
    const result = slice(delivery([event(6), tricky, event(8)]));
    assert.deepEqual(result.emitted, [event(6), tricky, event(8)]);
  });
});

describe('readDeliverySlices leaves other files to the usual reading, having emitted nothing', () => {
  const others: [string, string][] = [
    ['an indented document', JSON.stringify({ Records: events.slice(0, 3) }, null, 2)],
    ['JSON lines', events.map((e) => JSON.stringify(e)).join('\n')],
    ['a bare list', JSON.stringify(events)],
    ['an empty Records list', '{"Records":[]}'],
    ['a document with text after it', `${delivery(events)} trailing`],
    ['a document cut short', delivery(events).slice(0, -40)],
    ['a document whose first event is damaged', delivery(events).replace('"Call0"', '"Call0')],
    ['lookup-events output', JSON.stringify({ Events: [{ CloudTrailEvent: '{}' }] })],
    ['a Records list that does not start with an object', '{"Records":[1,{"a":1}]}'],
  ];
  for (const [name, text] of others) {
    it(`returns false for ${name}`, () => {
      assert.deepEqual(slice(text), { emitted: [], read: false, failed: false });
    });
  }
});

describe('readDeliverySlices gives up loudly when a file is not what it looked like part-way', () => {
  it('throws when an event after the first slice is damaged', () => {
    const text = delivery(events).replace('"Call30"', '"Call30');
    const result = slice(text);
    assert.equal(result.failed, true);
    assert.deepEqual(result.emitted, events.slice(0, 30));
  });

  it('throws rather than keep the first of two Records keys, which a whole parse drops', () => {
    const text = `{"Records":[${events.map((e) => JSON.stringify(e)).join(',')}],"Records":[${JSON.stringify(event(99))}]}`;
    assert.deepEqual(JSON.parse(text), { Records: [event(99)] });
    assert.equal(slice(text).failed, true);
  });

  it('throws when the Records list is followed by another list', () => {
    const text = `{"Records":[${events.map((e) => JSON.stringify(e)).join(',')}],"more":[{"a":1}]}`;
    assert.equal(slice(text).failed, true);
  });
});

describe('readDeliverySlices agrees with a whole parse on any events', () => {
  // Values and keys that look like the separator, or hold quotes, braces and non-ASCII text.
  const text = fc.oneof(
    fc.constantFrom('},{"eventVersion":', '}]}', '{"Records":[{', '"', '\\', 'é', '🔑', ''),
    fc.string({ maxLength: 8 }),
  );
  const nested: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.constant(null),
      fc.array(tie('object'), { maxLength: 3 }),
      tie('object'),
    ),
    object: fc.oneof(
      fc.dictionary(fc.oneof(text, fc.constant('eventVersion')), tie('value'), { maxKeys: 3 }),
      fc.record({ eventVersion: text, more: tie('value') }),
    ),
  })).value;
  const records = fc.array(
    fc.record({ eventVersion: text, eventName: text, requestParameters: nested }),
    { minLength: 1, maxLength: 12 },
  );

  it('emits exactly the elements JSON.parse finds, for any slice size', () => {
    fc.assert(
      fc.property(records, fc.nat({ max: 400 }), (list, requested) => {
        const document = delivery(list);
        const length = Buffer.byteLength(document);
        // Smaller than half the file: a file of two slices or less is left to the whole parse.
        const result = slice(document, Math.min(requested, Math.floor(length / 2) - 1));
        assert.equal(result.read, true);
        assert.deepEqual(result.emitted, (JSON.parse(document) as { Records: unknown[] }).Records);
      }),
      { numRuns: 200 },
    );
  });
});
