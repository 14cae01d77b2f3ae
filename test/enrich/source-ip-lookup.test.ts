import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceIpLookup, formatGeoLabel } from '../../src/enrich/index.js';
import type { GeoFacts } from '../../src/model.js';
import { facts } from '../maxmind-test-databases.js';

const NO_FACTS = facts(null, null, null, null);

describe('formatGeoLabel', () => {
  const cases: [string, GeoFacts, string][] = [
    [
      'shows every part when all are known',
      facts(29518, 'Bredband2 AB', 'Linköping', 'Sweden'),
      'AS29518 Bredband2 AB, Linköping, Sweden',
    ],
    [
      'shows the AS number alone when the organisation is unknown',
      facts(209, null, 'Milton', 'United States'),
      'AS209, Milton, United States',
    ],
    [
      'shows - for an unknown AS',
      facts(null, null, 'London', 'United Kingdom'),
      '-, London, United Kingdom',
    ],
    ['shows - for an unknown city', facts(null, null, null, 'Germany'), '-, -, Germany'],
    ['shows - for every part when nothing is known', NO_FACTS, '-, -, -'],
  ];
  for (const [title, input, expected] of cases) {
    it(title, () => assert.equal(formatGeoLabel(input), expected));
  }
});

describe('createSourceIpLookup', () => {
  const countingLookup = () => {
    const asked: string[] = [];
    const lookUp = createSourceIpLookup((address) => {
      asked.push(address);
      return facts(64500, 'Example AS', 'Springfield', 'Freedonia');
    });
    return { asked, lookUp };
  };

  it('appends the facts of a public address to its text', () => {
    const { lookUp } = countingLookup();
    assert.deepEqual(lookUp('81.2.69.142'), {
      text: '81.2.69.142 (AS64500 Example AS, Springfield, Freedonia)',
      geo: facts(64500, 'Example AS', 'Springfield', 'Freedonia'),
    });
  });

  it('looks each distinct address up once, also across its ::ffff: spelling', () => {
    const { asked, lookUp } = countingLookup();
    for (const value of ['81.2.69.142', '2001:480::1', '81.2.69.142', '::ffff:81.2.69.142']) {
      lookUp(value);
    }
    assert.deepEqual(asked, ['81.2.69.142', '2001:480::1']);
  });

  it('keeps the ::ffff: spelling in the text while looking up the IPv4 address', () => {
    const { asked, lookUp } = countingLookup();
    assert.equal(
      lookUp('::ffff:81.2.69.142').text,
      '::ffff:81.2.69.142 (AS64500 Example AS, Springfield, Freedonia)',
    );
    assert.deepEqual(asked, ['81.2.69.142']);
  });

  const labelled: [string, unknown, string][] = [
    ['labels loopback as Local', '127.0.0.1', '127.0.0.1 (Local, -, -)'],
    ['labels IPv6 loopback as Local', '::1', '::1 (Local, -, -)'],
    ['labels a private address as Private', '10.1.2.3', '10.1.2.3 (Private, -, -)'],
    ['labels carrier-grade NAT as Private', '100.64.0.1', '100.64.0.1 (Private, -, -)'],
    ['leaves a service name as it is', 's3.amazonaws.com', 's3.amazonaws.com'],
    ['leaves AWS Internal as it is', 'AWS Internal', 'AWS Internal'],
    ['shows a missing value as -', null, '-'],
    ['shows a number as its JSON text', 5, '5'],
  ];
  for (const [title, value, text] of labelled) {
    it(`${title}, with null facts and no look-up`, () => {
      const { asked, lookUp } = countingLookup();
      assert.deepEqual(lookUp(value), { text, geo: NO_FACTS });
      assert.deepEqual(asked, []);
    });
  }
});
