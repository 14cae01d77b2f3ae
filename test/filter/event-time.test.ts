import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEventTime } from '../../src/filter/index.js';

/** Epoch seconds of an ISO instant, computed by Date rather than by the code under test. */
const secondsOf = (iso: string) => Date.parse(iso) / 1000;

describe('parseEventTime accepts the eventTime forms CloudTrail and exports use', () => {
  const cases: [string, string][] = [
    ['2024-03-01T09:00:00Z', '2024-03-01T09:00:00Z'],
    ['2024-03-01 09:00:00Z', '2024-03-01T09:00:00Z'],
    ['2024-03-01 09:00:00', '2024-03-01T09:00:00Z'],
    ['2024-03-01T09:00:00', '2024-03-01T09:00:00Z'],
    ['2024-03-01T09:00:00.5Z', '2024-03-01T09:00:00Z'],
    ['2024-03-01T09:00:00.999999999Z', '2024-03-01T09:00:00Z'],
    ['2024-03-01 09:00:00.123', '2024-03-01T09:00:00Z'],
    ['2024-03-01T18:00:00+09:00', '2024-03-01T09:00:00Z'],
    ['2024-03-01T04:30:00-04:30', '2024-03-01T09:00:00Z'],
    ['2024-03-01T09:00:00+00:00', '2024-03-01T09:00:00Z'],
    ['2024-03-01T09:00:00-00:00', '2024-03-01T09:00:00Z'],
    ['2024-03-01T09:00:00.250+09:00', '2024-03-01T00:00:00Z'],
    ['2024-03-01T00:30:00+01:00', '2024-02-29T23:30:00Z'],
    ['2024-03-01T09:00:00+23:59', '2024-02-29T09:01:00Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
    ['0099-12-31T23:59:59Z', '0099-12-31T23:59:59Z'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59Z'],
  ];
  for (const [eventTime, instant] of cases) {
    it(`reads ${JSON.stringify(eventTime)} as ${instant}`, () => {
      assert.equal(parseEventTime(eventTime), secondsOf(instant));
    });
  }
});

describe('parseEventTime refuses values that name no real instant', () => {
  const cases: [string, unknown][] = [
    ['a day after the end of February', '2024-02-30T00:00:00Z'],
    ['29 February of a common year', '2023-02-29T00:00:00Z'],
    ['29 February of a century that is no leap year', '1900-02-29T00:00:00Z'],
    ['month 13', '2024-13-01T00:00:00Z'],
    ['month 00', '2024-00-10T00:00:00Z'],
    ['day 00', '2024-03-00T00:00:00Z'],
    ['a leap second', '2024-03-01T09:00:60Z'],
    ['hour 24', '2024-03-01T24:00:00Z'],
    ['minute 60', '2024-03-01T09:60:00Z'],
    ['a zone of +24:00', '2024-03-01T09:00:00+24:00'],
    ['a zone with minute 60', '2024-03-01T09:00:00+09:60'],
    ['a zone without a colon', '2024-03-01T09:00:00+0900'],
    ['a zone of hours only', '2024-03-01T09:00:00+09'],
    ['no seconds', '2024-03-01T09:00Z'],
    ['a dot without digits', '2024-03-01T09:00:00.Z'],
    ['a date alone', '2024-03-01'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['an instant before year 0001 once the zone is applied', '0001-01-01T00:30:00+01:00'],
    ['an instant after year 9999 once the zone is applied', '9999-12-31T23:30:00-01:00'],
    ['another separator', '2024-03-01X09:00:00Z'],
    ['text after the zone', '2024-03-01T09:00:00ZZ'],
    ['leading space', ' 2024-03-01T09:00:00Z'],
    ['trailing space', '2024-03-01T09:00:00Z '],
    ['full-width digits', '\uff12\uff10\uff12\uff14-03-01T09:00:00Z'],
    ['the empty string', ''],
    ['epoch seconds as a number', 1709283600],
    ['epoch milliseconds as a number', 1709283600000],
    ['null', null],
    ['a missing value', undefined],
    ['a boolean', true],
    ['an object', { time: '2024-03-01T09:00:00Z' }],
    ['an array holding a valid time', ['2024-03-01T09:00:00Z']],
  ];
  for (const [title, eventTime] of cases) {
    it(`returns NaN for ${title}`, () => {
      assert.ok(Number.isNaN(parseEventTime(eventTime)), `parsed ${JSON.stringify(eventTime)}`);
    });
  }
});
