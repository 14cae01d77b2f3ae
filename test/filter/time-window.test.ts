import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../src/errors.js';
import { buildTimeWindow, isInTimeWindow, parseEventTime } from '../../src/filter/index.js';
import type { TimeWindowOptions } from '../../src/filter/time-window.js';

const now = new Date('2024-06-01T00:00:00.750Z');

/** Which of the event times the window built from `options` keeps. */
function kept(options: Omit<TimeWindowOptions, 'now'>, eventTimes: unknown[]): unknown[] {
  const window = buildTimeWindow({ ...options, now });
  assert.ok(window, 'a time option was given, so there must be a window');
  return eventTimes.filter((time) => isInTimeWindow(window, time, parseEventTime(time)));
}

function userErrorOf(options: Omit<TimeWindowOptions, 'now'>): string {
  try {
    buildTimeWindow({ ...options, now });
  } catch (error) {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`accepted ${JSON.stringify(options)}`);
}

describe('the time window keeps events by their eventTime', () => {
  const cases: {
    title: string;
    options: Omit<TimeWindowOptions, 'now'>;
    in: unknown[];
    out: unknown[];
  }[] = [
    {
      title: 'a bare start date starts at 00:00:00Z that day',
      options: { timelineStart: '2024-03-01' },
      in: ['2024-03-01T00:00:00Z', '2024-03-01T09:00:00+09:00', '2024-03-05 10:00:00'],
      out: ['2024-02-29T23:59:59.999Z', '2024-03-01T08:59:59+09:00'],
    },
    {
      title: 'a bare end date keeps the whole of that day',
      options: { timelineEnd: '2024-03-01' },
      in: ['2024-03-01T23:59:59Z', '2024-03-01T23:59:59.999999Z', '2024-03-02T08:59:59+09:00'],
      out: ['2024-03-02T00:00:00Z', '2024-03-02T09:00:00+09:00', '2024-03-02T00:00:00.000001Z'],
    },
    {
      title: 'an RFC 3339 start with an offset is converted to UTC',
      options: { timelineStart: '2024-03-01T18:00:00+09:00' },
      in: ['2024-03-01T09:00:00Z', '2024-03-01 09:00:01'],
      out: ['2024-03-01T08:59:59Z', '2024-03-01T17:59:59+09:00'],
    },
    {
      title: 'an RFC 3339 end is inclusive to the instant',
      options: { timelineEnd: '2024-03-01T09:00:00Z' },
      in: ['2024-03-01T09:00:00Z', '2024-03-01T09:00:00.000Z', '2024-03-01T10:00:00+01:00'],
      out: ['2024-03-01T09:00:00.001Z', '2024-03-01T09:00:01Z'],
    },
    {
      title: 'fractional seconds decide at the start boundary',
      options: { timelineStart: '2024-03-01T09:00:00.5Z' },
      in: ['2024-03-01T09:00:00.5Z', '2024-03-01T09:00:00.50Z', '2024-03-01T09:00:00.500001Z'],
      out: ['2024-03-01T09:00:00Z', '2024-03-01T09:00:00.4999Z', '2024-03-01T09:00:00.05Z'],
    },
    {
      title: 'fractional seconds decide at the end boundary',
      options: { timelineEnd: '2024-03-01T09:00:01.25Z' },
      in: ['2024-03-01T09:00:01Z', '2024-03-01T09:00:01.25Z', '2024-03-01T09:00:01.2500Z'],
      out: ['2024-03-01T09:00:01.26Z', '2024-03-01T09:00:01.250001Z', '2024-03-01T09:00:01.3Z'],
    },
    {
      title: 'lower-case t and z are RFC 3339 too',
      options: { timelineStart: '2024-03-01t09:00:00z' },
      in: ['2024-03-01T09:00:00Z'],
      out: ['2024-03-01T08:59:59Z'],
    },
    {
      title: 'an offset in days counts back from now',
      options: { timeOffset: '30d' },
      in: ['2024-05-02T00:00:00Z', '2024-05-31T00:00:00Z'],
      out: ['2024-05-01T23:59:59Z'],
    },
    {
      title: 'an offset in months counts 30 days each',
      options: { timeOffset: '3M' },
      in: ['2024-03-03T00:00:00Z'],
      out: ['2024-03-02T23:59:59Z'],
    },
    {
      title: 'an offset in years counts 365 days each',
      options: { timeOffset: '1y' },
      in: ['2023-06-02T00:00:00Z'],
      out: ['2023-06-01T23:59:59Z'],
    },
    {
      title: 'an offset in hours',
      options: { timeOffset: '24h' },
      in: ['2024-05-31T00:00:00Z'],
      out: ['2024-05-30T23:59:59Z'],
    },
    {
      title: 'an offset in minutes',
      options: { timeOffset: '90m' },
      in: ['2024-05-31T22:30:00Z'],
      out: ['2024-05-31T22:29:59Z'],
    },
    {
      title: 'an event without a parseable eventTime is left out',
      options: { timelineEnd: '9999-12-31' },
      in: ['2024-03-01T09:00:00Z'],
      out: ['2024-02-30T09:00:00Z', 'yesterday', '', 1709283600, null, undefined],
    },
  ];
  for (const { title, options, in: inside, out } of cases) {
    it(title, () => {
      assert.deepEqual(kept(options, [...inside, ...out]), inside);
    });
  }

  it('accepts a space instead of T between date and time, as RFC 3339 allows', () => {
    // 18:00:01+09:00 is 09:00:01Z; 09:00:01+00:01 is 08:59:01Z, before the start.
    assert.deepEqual(
      kept({ timelineStart: '2024-03-01 09:00:00Z', timelineEnd: '2024-03-01 18:00:01+09:00' }, [
        '2024-03-01T08:59:59Z',
        '2024-03-01T09:00:00Z',
        '2024-03-01T09:00:01Z',
        '2024-03-01T09:00:01+00:01',
        '2024-03-01T09:00:02Z',
      ]),
      ['2024-03-01T09:00:00Z', '2024-03-01T09:00:01Z'],
    );
  });

  it('is not built when no time option is given', () => {
    assert.equal(buildTimeWindow({ now }), undefined);
  });

  it('keeps a single day given as the same bare start and end date', () => {
    const options = { timelineStart: '2024-03-01', timelineEnd: '2024-03-01' };
    const times = [
      '2024-02-29T23:59:59Z',
      '2024-03-01T00:00:00Z',
      '2024-03-01T23:59:59.9Z',
      '2024-03-02T00:00:00Z',
    ];
    assert.deepEqual(kept(options, times), times.slice(1, 3));
  });

  it('keeps a single instant given as the same start and end', () => {
    const options = { timelineStart: '2024-03-01T09:00:00Z', timelineEnd: '2024-03-01T09:00:00Z' };
    const times = ['2024-03-01T08:59:59Z', '2024-03-01T09:00:00Z', '2024-03-01T09:00:00.1Z'];
    assert.deepEqual(kept(options, times), ['2024-03-01T09:00:00Z']);
  });
});

describe('time options that are not valid are usage errors', () => {
  const dateExample = (flag: string) => `e.g. ${flag} 2024-03-01T09:00:00Z or ${flag} 2024-03-01.`;
  const badDates = [
    'yesterday',
    '',
    '2024-13-01',
    '2024-02-30',
    '2024-3-1',
    '20240301',
    '2024-03-01T09:00:00',
    '2024-03-01 09:00:00',
    '2024-03-01T09:00Z',
    '2024-03-01T24:00:00Z',
    '2024-03-01T09:00:60Z',
    '2024-03-01T09:00:00+24:00',
    '1709283600',
  ];
  for (const [flag, key] of [
    ['--timeline-start', 'timelineStart'],
    ['--timeline-end', 'timelineEnd'],
  ] as const) {
    for (const value of badDates) {
      it(`${flag} ${JSON.stringify(value)} names the value and shows an example`, () => {
        assert.equal(
          userErrorOf({ [key]: value }),
          `${flag} "${value}": not a valid date. Use RFC 3339 or a bare date, ${dateExample(flag)}`,
        );
      });
    }
  }

  for (const value of ['30', 'd', '1w', '30D', '-1d', '1.5d', '30 d', '30dd', ' 30d', '']) {
    it(`--time-offset ${JSON.stringify(value)} names the value and shows an example`, () => {
      assert.equal(
        userErrorOf({ timeOffset: value }),
        `--time-offset "${value}": not an offset. Use a whole number and one unit ` +
          '(y = 365 days, M = 30 days, d, h, m), e.g. --time-offset 30d.',
      );
    });
  }

  it('refuses a start after the end', () => {
    assert.equal(
      userErrorOf({ timelineStart: '2024-03-02', timelineEnd: '2024-03-01' }),
      'The time window is empty: --timeline-start "2024-03-02" is after --timeline-end "2024-03-01". ' +
        'Swap the dates, e.g. --timeline-start 2024-03-01 --timeline-end 2024-03-31.',
    );
  });

  it('refuses a start a fraction of a second after the end', () => {
    assert.match(
      userErrorOf({
        timelineStart: '2024-03-01T09:00:00.5Z',
        timelineEnd: '2024-03-01T09:00:00.25Z',
      }),
      /^The time window is empty: --timeline-start "2024-03-01T09:00:00.5Z" is after --timeline-end "2024-03-01T09:00:00.25Z"\./,
    );
  });

  it('refuses an offset that starts after the end', () => {
    assert.match(
      userErrorOf({ timeOffset: '1d', timelineEnd: '2024-01-01' }),
      /^The time window is empty: --time-offset "1d" is after --timeline-end "2024-01-01"\./,
    );
  });

  it('refuses an offset together with a start, naming both values', () => {
    assert.equal(
      userErrorOf({ timelineStart: '2024-01-15', timeOffset: '7d' }),
      '--time-offset "7d" and --timeline-start "2024-01-15" both set the start of the window; ' +
        'use one, e.g. --time-offset 30d or --timeline-start 2024-03-01.',
    );
  });
});
