import {
  describeExpectedFiles,
  describeMissing,
  type GeoIpDatabases,
  type GeoIpPart,
  type GeoIpReadFailures,
} from '../enrich/index.js';
import { log } from '../log.js';

/**
 * Says which databases are used and warns about each missing one, naming what shows `-`
 * because of it. Warnings print also with --quiet: they change what the report contains.
 */
export function reportGeoIpSetup(databases: GeoIpDatabases): void {
  const used = Object.values(databases.opened).map(
    (db) => `${db.fileName} (built ${db.builtAt.toISOString().slice(0, 10)})`,
  );
  log.info(`GeoIP: ${used.join(', ')} from ${databases.directory}`);

  for (const missing of databases.missing) {
    const reason = describeMissing(databases.directory, missing);
    log.warn(`GeoIP: ${reason}; ${consequenceOfMissing(missing.part, databases)}`);
  }
}

/** After the report is built: look-ups that a damaged database could not answer. */
export function reportGeoIpFailures(failures: GeoIpReadFailures): void {
  for (const [fileName, { count, message }] of failures) {
    log.warn(
      `GeoIP: ${fileName} could not answer for ${count} address${count === 1 ? '' : 'es'} ` +
        `(${message}); their parts from it show "-". Download a fresh copy of the database.`,
    );
  }
}

function consequenceOfMissing(part: GeoIpPart, databases: GeoIpDatabases): string {
  if (part === 'asn') return 'AS numbers and organisations show "-".';
  if (part === 'city') return 'cities show "-".';
  return databases.opened.city
    ? 'countries come from the city database.'
    : `countries show "-" (add ${describeExpectedFiles('country')}).`;
}
