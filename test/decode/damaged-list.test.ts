import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IncrementalDecoder } from '../../src/decode/incremental-decoder.js';
import type { RecordSink } from '../../src/decode/index.js';
import { decode } from './decoded.js';

type Kind = 'malformedLine' | 'damagedPart';
const names = (...list: string[]) => list.map((eventName) => ({ eventName }));
const line = (name: string) => JSON.stringify({ eventName: name });
const DAMAGED = '{"eventName":}';

/** A Records document with one element a line, as CloudTrail writes it; `]}` on a line of its own. */
const oneEventPerLine = (elements: string[], eol = '\n') =>
  `{"Records":[${eol}${elements.join(`,${eol}`)}${eol}]}${eol}`;

describe('the rest of an event list damaged part-way is one damaged part', () => {
  const cases: { title: string; input: string; events: string[]; problems: [number, Kind][] }[] = [
    {
      title: 'a one-event-per-line Records document damaged mid-way',
      input: oneEventPerLine([line('A'), line('B'), DAMAGED, line('D'), line('E')]),
      events: ['A', 'B'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'the same with CRLF line ends',
      input: oneEventPerLine([line('A'), line('B'), DAMAGED, line('D'), line('E')], '\r\n'),
      events: ['A', 'B'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a one-event-per-line lookup-events document damaged mid-way',
      input: `{"Events":[\n${[`{"CloudTrailEvent":${JSON.stringify(line('A'))}}`, '{"CloudTrailEvent":}', `{"CloudTrailEvent":${JSON.stringify(line('C'))}}`].join(',\n')}\n]}\n`,
      events: ['A'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a one-event-per-line bare array damaged mid-way',
      input: `[\n${[line('A'), DAMAGED, line('C'), line('D')].join(',\n')}\n]\n`,
      events: ['A'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a damaged element that spans lines',
      input: oneEventPerLine([line('A'), '{"eventName":"B",\n"awsRegion":}', line('C')]),
      events: ['A'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'elements after the damage that span lines, starting in the first column',
      input: oneEventPerLine([
        line('A'),
        DAMAGED,
        '{\n  "eventName": "C"\n}',
        '{\n"eventName": "D"\n}',
      ]),
      events: ['A'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a line of two elements after the damage',
      input: oneEventPerLine([line('A'), DAMAGED, `${line('C')}, ${line('D')}`, line('E')]),
      events: ['A'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'an element that lost its comma, caught where the next line begins',
      input: oneEventPerLine([line('A'), `${line('B')}\n${line('C')}`, line('D')]),
      events: ['A', 'B'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a one-event-per-line document damaged mid-way and cut off before its end',
      input: oneEventPerLine([line('A'), DAMAGED, line('C'), line('D')]).slice(0, -4),
      events: ['A'],
      problems: [[1, 'damagedPart']],
    },
  ];
  for (const { title, input, events, problems } of cases) {
    it(title, () => {
      const decoded = decode(input);
      assert.deepEqual(decoded.events, names(...events));
      assert.deepEqual(
        decoded.problems,
        problems.map(([number, kind]) => ({ line: number, kind })),
      );
    });
  }
});

describe('a document written after a damaged event list is still read', () => {
  const damaged = oneEventPerLine([line('A'), DAMAGED, line('C'), line('D')]);
  const cases: { title: string; after: string; events: string[]; problems: [number, Kind][] }[] = [
    {
      title: 'JSON lines',
      after: `${line('X')}\n${line('Y')}\n`,
      events: ['A', 'X', 'Y'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a single JSON line without a final line end',
      after: line('X'),
      events: ['A', 'X'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'another one-event-per-line Records document',
      after: oneEventPerLine([line('X'), line('Y')]),
      events: ['A', 'X', 'Y'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a pretty-printed document',
      after: JSON.stringify({ Records: names('X', 'Y') }, null, 2),
      events: ['A', 'X', 'Y'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'documents written one after another on one line',
      after: `${JSON.stringify({ Records: names('X') })}${JSON.stringify([{ eventName: 'Y' }])}\n`,
      events: ['A', 'X', 'Y'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a broken JSON line, then a good one: the broken line is one malformed line',
      after: `{"eventName":"X",\n${line('Y')}\n`,
      events: ['A', 'Y'],
      problems: [
        [1, 'damagedPart'],
        [7, 'malformedLine'],
      ],
    },
  ];
  for (const { title, after, events, problems } of cases) {
    it(title, () => {
      const decoded = decode(damaged + after);
      assert.deepEqual(decoded.events, names(...events));
      assert.deepEqual(
        decoded.problems,
        problems.map(([number, kind]) => ({ line: number, kind })),
      );
    });
  }

  it('JSON lines right after the damage, when the list was never closed', () => {
    // A value followed by neither a comma nor the list's bracket may start a new document: it
    // is read, at the cost of reading what may be the last elements of a cut-off list.
    const input = `{"Records":[\n${line('A')},\n${DAMAGED}\n${line('X')}\n${line('Y')}\n`;
    assert.deepEqual(decode(input).events, names('A', 'X', 'Y'));
  });
});

describe('the rest of a damaged event list is skipped the same way whatever the chunks', () => {
  const decodeInChunks = (original: Buffer, size: number) => {
    // The decoder may reuse a buffer it was fed as its own storage: feed it a copy.
    const input = Buffer.from(original);
    const seen: unknown[] = [];
    const sink: RecordSink = {
      event: (event) => seen.push(event.eventName),
      skipped: (kind) => seen.push(kind),
      malformedRecord: () => seen.push('malformed record'),
    };
    const decoder = new IncrementalDecoder(sink, 64);
    for (let at = 0; at < input.length; at += size) decoder.push(input.subarray(at, at + size));
    decoder.end();
    return { seen, problems: decoder.problems, counts: decoder.problemCounts };
  };

  const input = Buffer.from(
    oneEventPerLine([line('A'), line('B'), DAMAGED, line('D'), '{\n"eventName": "E"\n}'], '\r\n') +
      `${line('X')}\r\n{"eventName":\r\n${JSON.stringify({ Records: names('Y') }, null, 2)}\r\n`,
  );

  it('reads the events before the damage and the documents after it', () => {
    const whole = decodeInChunks(input, input.length);
    assert.deepEqual(whole.seen, ['A', 'B', 'X', 'Y']);
    assert.deepEqual(
      whole.problems.map(({ line, kind }) => [line, kind]),
      [
        [1, 'damagedPart'],
        [11, 'malformedLine'],
      ],
    );
  });

  it('gives the same events and problems fed one byte at a time or in chunks of any size', () => {
    const whole = decodeInChunks(input, input.length);
    for (let size = 1; size <= 48; size++) {
      assert.deepEqual(decodeInChunks(input, size), whole, `${size}`);
    }
  });

  it('sees a line start at a fault even when the line break came in an earlier chunk', () => {
    // A missing comma is caught at the next line's first byte; the value there starts a line
    // whether or not the line break before it is still held.
    const input = Buffer.from(`[${line('A')}\n${line('B')}\n`);
    const whole = decodeInChunks(input, input.length);
    assert.deepEqual(whole.seen, ['A', 'B']);
    for (let size = 1; size <= input.length; size++) {
      assert.deepEqual(decodeInChunks(input, size), whole, `${size}`);
    }
  });
});
