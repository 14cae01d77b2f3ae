import type { GeoFacts } from '../model.js';
import type { GeoIpDatabases, GeoIpPart, OpenedDatabase } from './geoip-databases.js';

/** Look-ups that failed inside a database, per file name: the count and the first reason. */
export type GeoIpReadFailures = Map<string, { count: number; message: string }>;

/**
 * ASN, city and country of one public address, English names, null where a database is
 * missing or has no entry. The country comes from the country database, else from the city
 * database's record, which carries one too.
 */
export function lookUpGeoFacts(
  databases: GeoIpDatabases,
  address: string,
  failures: GeoIpReadFailures,
): GeoFacts {
  const find = (part: GeoIpPart) => findRecord(databases.opened[part], address, failures);
  const asnRecord = find('asn');
  const cityRecord = find('city');
  const countryRecord = find('country');
  return {
    asn: numberAt(asnRecord, 'autonomous_system_number'),
    asOrg: stringAt(asnRecord, 'autonomous_system_organization'),
    city: englishName(cityRecord, 'city'),
    country: englishName(countryRecord, 'country') ?? englishName(cityRecord, 'country'),
  };
}

/**
 * A database that cannot decode its own record is damaged; the run goes on with `-` for that
 * part, and the caller reports the failures at the end instead of losing a long scan.
 */
function findRecord(
  database: OpenedDatabase | undefined,
  address: string,
  failures: GeoIpReadFailures,
): Record<string, unknown> | null {
  if (database === undefined) return null;
  // An IPv4-only database has no tree for IPv6 addresses; asking would walk the wrong nodes.
  if (database.reader.metadata.ipVersion === 4 && address.includes(':')) return null;
  try {
    const record: unknown = database.reader.get(address);
    return isObject(record) ? record : null;
  } catch (error) {
    const failure = failures.get(database.fileName);
    if (failure) failure.count++;
    else failures.set(database.fileName, { count: 1, message: (error as Error).message });
    return null;
  }
}

// Records are read as untyped data: a renamed or third-party database may lack any field or
// hold another type, and a wrong type must show `-`, not break the report.

function englishName(record: Record<string, unknown> | null, field: string): string | null {
  const names = objectAt(objectAt(record, field), 'names');
  return stringAt(names, 'en');
}

function objectAt(record: Record<string, unknown> | null, key: string) {
  const value = record?.[key];
  return isObject(value) ? value : null;
}

function stringAt(record: Record<string, unknown> | null, key: string): string | null {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function numberAt(record: Record<string, unknown> | null, key: string): number | null {
  const value = record?.[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
