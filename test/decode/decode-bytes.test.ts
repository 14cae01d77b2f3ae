import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, eventNames } from './decoded.js';

const a = { eventName: 'A', eventTime: '2024-03-01T09:00:00Z' };
const b = { eventName: 'B', awsRegion: 'us-east-1' };
const c = { eventName: 'C', sourceIPAddress: '192.0.2.1' };
const json = (value: unknown) => JSON.stringify(value);

describe('decodeBytes reads every accepted input shape', () => {
  const cases: { title: string; input: string; events: unknown[] }[] = [
    { title: 'an object with a Records array', input: json({ Records: [a, b] }), events: [a, b] },
    { title: 'a bare array of events', input: json([a, b, c]), events: [a, b, c] },
    { title: 'a single event object', input: json(a), events: [a] },
    {
      title: 'a pretty-printed Records document',
      input: JSON.stringify({ Records: [a, b] }, null, 4),
      events: [a, b],
    },
    {
      title: 'lookup-events output with the event as a JSON string',
      input: `  {\n    "Events": [\n       {\n           "EventId": "e1", \n           "CloudTrailEvent": ${json(json(a))}\n       }\n    ]\n  }\n`,
      events: [a],
    },
    {
      title: 'lookup-events output with the event already an object',
      input: json({ Events: [{ EventId: 'e1', CloudTrailEvent: b }] }),
      events: [b],
    },
    {
      title: 'lookup-events elements without CloudTrailEvent, each itself the event',
      input: json({ Events: [a, { EventId: 'e2', CloudTrailEvent: null, eventName: 'B' }] }),
      events: [a, { EventId: 'e2', CloudTrailEvent: null, eventName: 'B' }],
    },
    {
      title: 'JSON lines with CRLF line ends and blank lines',
      input: `${json(a)}\r\n\r\n${json(b)}\r\n   \r\n\t\n${json(c)}\r\n`,
      events: [a, b, c],
    },
    {
      title: 'JSON lines without a final line end',
      input: `${json(a)}\n${json(b)}`,
      events: [a, b],
    },
    {
      title: 'JSON lines each holding a Records document or an array',
      input: `${json({ Records: [a] })}\n${json([b, c])}\n`,
      events: [a, b, c],
    },
    {
      title: 'several documents written one after another on one line',
      input: `${json(a)}${json({ Records: [b] })} ${json([c])}\n`,
      events: [a, b, c],
    },
    {
      title: 'a document after a leading byte-order mark',
      input: `\ufeff${json({ Records: [a, b] })}`,
      events: [a, b],
    },
    {
      title: 'JSON lines after a leading byte-order mark',
      input: `\ufeff${json(a)}\n${json(b)}\n`,
      events: [a, b],
    },
    { title: 'an empty array', input: '[]', events: [] },
    { title: 'an empty Records array', input: '{"Records":[]}', events: [] },
  ];
  for (const { title, input, events } of cases) {
    it(`reads ${title}`, () => {
      const decoded = decode(input);
      assert.deepEqual(decoded.events, events);
      assert.deepEqual(decoded.problems, []);
      assert.deepEqual(decoded.skipped, []);
    });
  }

  it('gives the same events for one document, JSON lines and split documents', () => {
    const events = [a, b, c];
    const shapes = [
      json({ Records: events }),
      json(events),
      events.map(json).join('\n'),
      events.map(json).join('\r\n') + '\r\n',
      events.map((event) => json({ Records: [event] })).join(''),
      `${json({ Records: [a, b] })}\n${json([c])}`,
      JSON.stringify(events, null, 2),
      json({ Events: events.map((event) => ({ CloudTrailEvent: json(event) })) }),
    ];
    for (const shape of shapes) assert.deepEqual(decode(shape).events, events, shape);
  });
});

describe('decodeBytes keeps the last value of a duplicated key', () => {
  const cases: [string, string][] = [
    ['in a whole document', '{"Records":[{"eventName":"A","eventName":"B"}]}'],
    ['in a JSON line', '{"eventName":"A","eventName":"B"}\n{"eventName":"C"}\n'],
    [
      'in a CloudTrailEvent string',
      json({ Events: [{ CloudTrailEvent: '{"eventName":"A","eventName":"B"}' }] }),
    ],
    [
      'in an event kept from a damaged document',
      '{"Records":[{"eventName":"A","eventName":"B"},{"ev',
    ],
  ];
  for (const [title, input] of cases) {
    it(title, () => assert.equal(eventNames(input)[0], 'B'));
  }
});

describe('decodeBytes skips what is not an event, and says what it was', () => {
  const cases: { title: string; input: string; events: unknown[]; skipped: string[] }[] = [
    {
      title: 'digest objects by their digestStartTime or digestS3Bucket key, whatever the value',
      input: [
        json({ digestStartTime: '2020-09-11T18:36:49Z', digestS3Bucket: 'example-bucket' }),
        json({ digestStartTime: null }),
        json({ digestS3Bucket: '' }),
        json({ digestS3Bucket: 0, eventName: 'X' }),
        json(a),
      ].join('\n'),
      events: [a],
      skipped: ['digest', 'digest', 'digest', 'digest'],
    },
    {
      title: 'a digest record inside a Records array',
      input: json({ Records: [{ digestStartTime: {} }, b] }),
      events: [b],
      skipped: ['digest'],
    },
    {
      title: 'Insights events, but not other event types',
      input: json({
        Records: [
          { eventType: 'AwsCloudTrailInsight', insightDetails: { eventName: 'X' } },
          { eventType: 'AwsApiCall', eventName: 'A' },
          { eventType: 'AwsCloudTrailInsight' },
        ],
      }),
      events: [{ eventType: 'AwsApiCall', eventName: 'A' }],
      skipped: ['insight', 'insight'],
    },
    {
      title: 'elements that are not objects',
      input: json({ Records: [1, 'x', null, true, [a], a] }),
      events: [a],
      skipped: ['nonObject', 'nonObject', 'nonObject', 'nonObject', 'nonObject'],
    },
    {
      title: 'JSON lines that are not objects',
      input: `5\n"text"\nnull\n${json(a)}\n`,
      events: [a],
      skipped: ['nonObject', 'nonObject', 'nonObject'],
    },
    {
      title: 'a CloudTrailEvent string that holds no object',
      input: json({ Events: [{ CloudTrailEvent: '[1]' }, { CloudTrailEvent: json(a) }] }),
      events: [a],
      skipped: ['nonObject'],
    },
  ];
  for (const { title, input, events, skipped } of cases) {
    it(title, () => {
      const decoded = decode(input);
      assert.deepEqual(decoded.events, events);
      assert.deepEqual(decoded.skipped, skipped);
      assert.deepEqual(decoded.problems, []);
    });
  }
});

describe('decodeBytes counts a CloudTrailEvent that is not valid JSON as one malformed record', () => {
  const cases: [string, unknown][] = [
    ['invalid JSON', '{"eventName":'],
    ['the empty string', ''],
    ['a JavaScript object literal', "{eventName: 'A'}"],
  ];
  for (const [title, embedded] of cases) {
    it(`for ${title}, keeping the other events`, () => {
      const decoded = decode(
        json({ Events: [{ CloudTrailEvent: json(a) }, { CloudTrailEvent: embedded }, b] }),
      );
      assert.deepEqual(decoded.events, [a, b]);
      assert.equal(decoded.malformedRecords, 1);
      assert.deepEqual(decoded.problems, []);
    });
  }
});

describe('decodeBytes reads text as UTF-8', () => {
  it('turns invalid UTF-8 bytes into U+FFFD and keeps the event', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"eventName":"A","userAgent":"x'),
      Buffer.from([0xff, 0xc3]),
      Buffer.from('y"}'),
    ]);
    assert.deepEqual(decode(bytes).events, [{ eventName: 'A', userAgent: 'x\ufffd\ufffdy' }]);
  });

  it('keeps characters outside the Basic Multilingual Plane', () => {
    assert.deepEqual(eventNames(json({ Records: [{ eventName: 'Put😀Object' }] })), [
      'Put😀Object',
    ]);
  });
});
