import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GeoFacts } from '../src/model.js';
import { makeTempDir } from './helpers.js';

/**
 * The MaxMind test databases live in the real-data folder named by TRAILSCOPE_REAL_DATA, which
 * is never copied into the repository. Without it the GeoIP suites are skipped with this reason.
 */
export const realData = process.env.TRAILSCOPE_REAL_DATA;

export const SKIP_WITHOUT_REAL_DATA =
  realData === undefined || realData === ''
    ? 'TRAILSCOPE_REAL_DATA is not set: the GeoIP tests need the MaxMind test databases ' +
      '(maxmind-test/test-data/*-Test.mmdb) in that folder'
    : false;

/** The test database of each name, e.g. `GeoLite2-ASN` for `GeoLite2-ASN-Test.mmdb`. */
export type TestDatabase =
  'GeoLite2-ASN' | 'GeoLite2-City' | 'GeoLite2-Country' | 'GeoIP2-City' | 'GeoIP2-Country';

/**
 * A temporary folder holding the named test databases under the file names the tool looks
 * for (`GeoLite2-ASN-Test.mmdb` becomes `GeoLite2-ASN.mmdb`). A set but wrong
 * TRAILSCOPE_REAL_DATA fails here instead of skipping, so CI cannot pass without the data.
 */
export function makeGeoIpFolder(databases: readonly TestDatabase[]): {
  path: string;
  remove: () => void;
} {
  const folder = makeTempDir();
  for (const name of databases) {
    const source = join(realData ?? '', 'maxmind-test', 'test-data', `${name}-Test.mmdb`);
    if (!existsSync(source)) {
      folder.remove();
      throw new Error(`TRAILSCOPE_REAL_DATA is set but ${source} does not exist`);
    }
    copyFileSync(source, join(folder.path, `${name}.mmdb`));
  }
  return folder;
}

/** The GeoIP facts of one address, written in the order the report shows them. */
export const facts = (
  asn: number | null,
  asOrg: string | null,
  city: string | null,
  country: string | null,
): GeoFacts => ({ asn, asOrg, city, country });
