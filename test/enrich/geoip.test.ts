import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  lookUpGeoFacts,
  openGeoIpDatabases,
  type GeoIpDatabases,
  type GeoIpReadFailures,
} from '../../src/enrich/index.js';
import { UserError } from '../../src/errors.js';
import type { GeoFacts } from '../../src/model.js';
import { makeTempDir } from '../helpers.js';
import {
  facts,
  makeGeoIpFolder,
  SKIP_WITHOUT_REAL_DATA,
  type TestDatabase,
} from '../maxmind-test-databases.js';

describe('openGeoIpDatabases without any database', () => {
  const temp = makeTempDir();
  after(temp.remove);

  it('rejects a folder with no database, naming the folder and the file names', () => {
    assert.throws(
      () => openGeoIpDatabases(temp.path),
      (error: Error) =>
        error instanceof UserError &&
        error.message.includes(`-G "${temp.path}": no GeoIP database found`) &&
        error.message.includes('GeoLite2-ASN.mmdb') &&
        error.message.includes('GeoLite2-City.mmdb (or GeoIP2-City.mmdb)') &&
        error.message.includes('GeoLite2-Country.mmdb (or GeoIP2-Country.mmdb)'),
    );
  });

  it('rejects a folder that does not exist', () => {
    const missing = join(temp.path, 'no-such-folder');
    assert.throws(() => openGeoIpDatabases(missing), {
      name: 'UserError',
      message: new RegExp(`-G "${missing}": cannot be read \\(ENOENT\\)`),
    });
  });

  it('rejects a file given instead of a folder', () => {
    const file = join(temp.path, 'GeoLite2-ASN.txt');
    writeFileSync(file, 'not a folder');
    assert.throws(() => openGeoIpDatabases(file), { name: 'UserError', message: /not a folder/ });
  });

  it('names a database file that is present but not a MaxMind database', () => {
    const broken = makeTempDir();
    after(broken.remove);
    writeFileSync(join(broken.path, 'GeoLite2-City.mmdb'), 'not a database');
    assert.throws(() => openGeoIpDatabases(broken.path), {
      name: 'UserError',
      message: /GeoLite2-City\.mmdb cannot be used: not a MaxMind database/,
    });
  });
});

describe('lookUpGeoFacts on the MaxMind test databases', { skip: SKIP_WITHOUT_REAL_DATA }, () => {
  const open = (names: TestDatabase[]): GeoIpDatabases => {
    const folder = makeGeoIpFolder(names);
    after(folder.remove);
    return openGeoIpDatabases(folder.path);
  };
  const lookUp = (databases: GeoIpDatabases, address: string) =>
    lookUpGeoFacts(databases, address, new Map());

  describe('with the ASN, city and country databases', () => {
    const all = open(['GeoLite2-ASN', 'GeoLite2-City', 'GeoLite2-Country']);
    const cases: [string, GeoFacts][] = [
      ['81.2.69.142', facts(null, null, 'London', 'United Kingdom')],
      ['89.160.20.115', facts(29518, 'Bredband2 AB', 'Linköping', 'Sweden')],
      ['216.160.83.58', facts(209, null, 'Milton', 'United States')],
      ['2001:480::1', facts(null, null, 'San Diego', 'United States')],
      ['1.128.0.1', facts(1221, 'Telstra Pty Ltd', null, null)],
      ['2600:6000::1', facts(237, 'Merit Network Inc.', null, null)],
      ['2a02:ff80::1', facts(null, null, null, 'Germany')],
      ['203.0.113.10', facts(null, null, null, null)],
    ];
    for (const [address, expected] of cases) {
      it(`finds what the sources record for ${address}`, () => {
        assert.deepEqual(lookUp(all, address), expected);
      });
    }

    it('takes the country from the city database when the country database has no entry', () => {
      assert.deepEqual(lookUp(all, '175.16.199.1'), facts(null, null, 'Changchun', 'China'));
    });

    it('uses the located country, not the registered one', () => {
      // 89.160.20.112/28 is located in Sweden but registered in Germany.
      assert.equal(lookUp(all, '89.160.20.115').country, 'Sweden');
    });
  });

  it('opens only the ASN database and reports city and country as missing', () => {
    const asnOnly = open(['GeoLite2-ASN']);
    assert.deepEqual(Object.keys(asnOnly.opened), ['asn']);
    assert.deepEqual(
      asnOnly.missing.map((m) => m.part),
      ['city', 'country'],
    );
    assert.deepEqual(lookUp(asnOnly, '89.160.20.115'), facts(29518, 'Bredband2 AB', null, null));
  });

  it('takes the country from the city database when there is no country database', () => {
    const cityOnly = open(['GeoLite2-City']);
    assert.deepEqual(lookUp(cityOnly, '89.160.20.115'), facts(null, null, 'Linköping', 'Sweden'));
  });

  it('prefers the paid GeoIP2 city database when both editions are present', () => {
    const both = open(['GeoLite2-City', 'GeoIP2-City']);
    assert.equal(both.opened.city?.fileName, 'GeoIP2-City.mmdb');
    // The GeoIP2 test database has no entry for 2001:480::/43; the GeoLite2 one has San Diego.
    assert.deepEqual(lookUp(both, '2001:480::1'), facts(null, null, null, null));
  });

  it('counts a look-up that a database cannot answer instead of failing the report', () => {
    const all = open(['GeoLite2-ASN', 'GeoLite2-City']);
    const city = all.opened.city!;
    city.reader.get = () => {
      throw new Error('Unknown type 99 at offset 7');
    };
    const failures: GeoIpReadFailures = new Map();
    assert.deepEqual(
      lookUpGeoFacts(all, '89.160.20.115', failures),
      facts(29518, 'Bredband2 AB', null, null),
    );
    lookUpGeoFacts(all, '81.2.69.142', failures);
    assert.deepEqual(
      [...failures],
      [['GeoLite2-City.mmdb', { count: 2, message: 'Unknown type 99 at offset 7' }]],
    );
  });
});
