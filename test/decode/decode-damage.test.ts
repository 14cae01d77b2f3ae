import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode } from './decoded.js';

type Kind = 'malformedLine' | 'damagedPart';
const names = (...list: string[]) => list.map((eventName) => ({ eventName }));
const line = (name: string) => JSON.stringify({ eventName: name });

describe('decodeBytes keeps the complete events before damage and reports the rest', () => {
  const cases: {
    title: string;
    input: string;
    events: string[];
    problems: [number, Kind][];
    todo?: string;
  }[] = [
    {
      title: 'a Records array cut in the middle of an event',
      input: '{"Records":[{"eventName":"A"},{"eventName":"B"},{"eventName":"C","awsReg',
      events: ['A', 'B'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a Records array cut right after a complete event',
      input: '{"Records":[{"eventName":"A"},{"eventName":"B"}',
      events: ['A', 'B'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a bare array cut in the middle of an event',
      input: '[{"eventName":"A"},{"eventName":"B"},{"event',
      events: ['A', 'B'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'lookup-events output cut in the middle of an element',
      input: `{"Events":[{"CloudTrailEvent":${JSON.stringify(line('A'))}},{"CloudTrailEv`,
      events: ['A'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a pretty-printed document truncated inside an event',
      input: JSON.stringify({ Records: names('A', 'B', 'C') }, null, 2).slice(0, -40),
      events: ['A', 'B'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a pretty-printed array truncated at the end of an event line',
      input: '[\n  {\n    "eventName": "A"\n  },\n  {\n    "eventName": "B"\n  }\n',
      events: ['A', 'B'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a pretty-printed document with Infinity inside its third event',
      input:
        '{\n  "Records": [\n    {"eventName": "A"},\n    {"eventName": "B"},\n    {"n": Infinity},\n    {"eventName": "D"}\n  ]\n}\n',
      events: ['A', 'B'],
      problems: [[1, 'damagedPart']],
    },
    {
      title: 'a JSON-lines file with one line cut short among good lines',
      input: `${line('A')}\n{"eventName":"B"\n${line('C')}\n`,
      events: ['A', 'C'],
      problems: [[2, 'malformedLine']],
    },
    {
      title: 'a JSON-lines file whose first line is cut short',
      input: `{"eventName":"A",\n${line('B')}\n${line('C')}\n`,
      events: ['B', 'C'],
      problems: [[1, 'malformedLine']],
    },
    {
      title: 'a JSON-lines file whose first line is cut inside a string',
      input: `{"eventName":"A","x\n${line('B')}\n${line('C')}\n`,
      events: ['B', 'C'],
      problems: [[1, 'malformedLine']],
    },
    {
      title: 'a JSON-lines file whose last line is cut short',
      input: `${line('A')}\n${line('B')}\n{"eventName":"C","user`,
      events: ['A', 'B'],
      problems: [[3, 'malformedLine']],
    },
    {
      title: 'a JSON-lines file with a line of plain words',
      input: `${line('A')}\nthis line is not json at all\n${line('C')}\n`,
      events: ['A', 'C'],
      problems: [[2, 'malformedLine']],
    },
    {
      title: 'a JSON-lines file with two broken lines in a row',
      input: `{"eventName":\n{"eventName":"B",\n${line('C')}\n`,
      events: ['C'],
      problems: [
        [1, 'malformedLine'],
        [2, 'malformedLine'],
      ],
    },
    {
      title: 'a line that breaks after two documents',
      input: `${line('A')}${line('B')}{"eventName":\n${line('D')}\n`,
      events: ['A', 'B', 'D'],
      problems: [[1, 'malformedLine']],
    },
    {
      title: 'a line with words after a document',
      input: `${line('A')} and then some words\n${line('B')}\n`,
      events: ['A', 'B'],
      problems: [[1, 'malformedLine']],
    },
    {
      title: 'a JSON line holding NaN',
      input: `${line('A')}\n{"eventName":"B","n":NaN}\n${line('C')}\n`,
      events: ['A', 'C'],
      problems: [[2, 'malformedLine']],
    },
    {
      title: 'a JSON line holding -Infinity',
      input: `{"eventName":"A","n":-Infinity}\r\n${line('B')}\r\n`,
      events: ['B'],
      problems: [[1, 'malformedLine']],
    },
    {
      title: 'a JSON line with a trailing comma',
      input: `${line('A')}\n{"eventName":"B",}\n${line('C')}\n`,
      events: ['A', 'C'],
      problems: [[2, 'malformedLine']],
    },
    {
      title: 'a JSON line with a raw line break inside a string, in CRLF text',
      input: `${line('A')}\r\n{"eventName":"B\r\n${line('C')}\r\n`,
      events: ['A', 'C'],
      problems: [[2, 'malformedLine']],
    },
  ];
  for (const { title, input, events, problems, todo } of cases) {
    it(title, { todo }, () => {
      const decoded = decode(input);
      assert.deepEqual(decoded.events, names(...events));
      assert.deepEqual(
        decoded.problems,
        problems.map(([number, kind]) => ({ line: number, kind })),
      );
    });
  }
});

describe('decodeBytes reads nothing, and reports nothing, from input without content', () => {
  const cases: [string, string][] = [
    ['empty input', ''],
    ['whitespace only', ' \n\t\r\n  \n'],
    ['a byte-order mark alone', '\ufeff'],
  ];
  for (const [title, input] of cases) {
    it(title, () => {
      assert.deepEqual(decode(input), {
        events: [],
        skipped: [],
        malformedRecords: 0,
        problems: [],
      });
    });
  }
});
