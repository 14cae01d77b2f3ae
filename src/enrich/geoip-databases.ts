import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Reader, type Response } from 'maxmind';
import { UserError } from '../errors.js';

export type GeoIpPart = 'asn' | 'city' | 'country';

/** The file names looked for: MaxMind's free edition, and its paid one where it exists. */
export const GEOIP_FILE_NAMES: Readonly<Record<GeoIpPart, { free: string; paid?: string }>> = {
  asn: { free: 'GeoLite2-ASN.mmdb' },
  city: { free: 'GeoLite2-City.mmdb', paid: 'GeoIP2-City.mmdb' },
  country: { free: 'GeoLite2-Country.mmdb', paid: 'GeoIP2-Country.mmdb' },
};

export interface OpenedDatabase {
  fileName: string;
  reader: Reader<Response>;
  builtAt: Date;
}

/** A part that is not used: no file for it, or a file that cannot be opened (and why). */
export interface MissingDatabase {
  part: GeoIpPart;
  problem: string | undefined;
}

export interface GeoIpDatabases {
  directory: string;
  opened: Partial<Record<GeoIpPart, OpenedDatabase>>;
  missing: MissingDatabase[];
}

const PARTS: readonly GeoIpPart[] = ['asn', 'city', 'country'];

const PART_NAMES: Readonly<Record<GeoIpPart, string>> = {
  asn: 'ASN',
  city: 'city',
  country: 'country',
};

const EXAMPLE = 'e.g. -G ./GeoIP';

/**
 * Opens the MaxMind databases found in `directory`, synchronously and before any scanning, so a
 * wrong folder is a usage error and not a failure after a long scan. At least one must open.
 */
export function openGeoIpDatabases(directory: string): GeoIpDatabases {
  checkDirectory(directory);
  const databases: GeoIpDatabases = { directory, opened: {}, missing: [] };
  for (const part of PARTS) {
    const found = openPart(directory, part);
    if ('reader' in found) databases.opened[part] = found;
    else databases.missing.push({ part, problem: found.problem });
  }
  if (Object.keys(databases.opened).length === 0) throw noDatabaseError(databases);
  return databases;
}

/** Why a part is missing, as a sentence for a warning or an error. */
export function describeMissing(directory: string, missing: MissingDatabase): string {
  return (
    missing.problem ??
    `no ${PART_NAMES[missing.part]} database in ${directory} ` +
      `(looked for ${describeExpectedFiles(missing.part)})`
  );
}

/**
 * For one part `GeoLite2-City.mmdb or GeoIP2-City.mmdb`; without one, all three parts as
 * `GeoLite2-ASN.mmdb, GeoLite2-City.mmdb (or GeoIP2-City.mmdb), …`.
 */
export function describeExpectedFiles(part?: GeoIpPart): string {
  if (part) return namesOf(part).join(' or ');
  return PARTS.map((p) => {
    const [free, paid] = namesOf(p);
    return paid ? `${free} (or ${paid})` : free;
  }).join(', ');
}

function namesOf(part: GeoIpPart): string[] {
  const { free, paid } = GEOIP_FILE_NAMES[part];
  return paid ? [free, paid] : [free];
}

function noDatabaseError(databases: GeoIpDatabases): UserError {
  const problems = databases.missing.flatMap((m) => (m.problem ? [`  ${m.problem}\n`] : []));
  const heading =
    problems.length > 0 ? 'no GeoIP database could be opened:\n' : 'no GeoIP database found. ';
  return new UserError(
    `-G "${databases.directory}": ${heading}${problems.join('')}` +
      `Put at least one of ${describeExpectedFiles()} in that folder, ${EXAMPLE}`,
  );
}

function checkDirectory(directory: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(directory).isDirectory();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError(
      `-G "${directory}": cannot be read (${reason}). ` +
        `Give the folder that holds ${describeExpectedFiles()}, ${EXAMPLE}`,
    );
  }
  if (!isDirectory) {
    throw new UserError(
      `-G "${directory}": not a folder. Give the folder that holds the .mmdb files, ${EXAMPLE}`,
    );
  }
}

/**
 * When both editions are present the paid GeoIP2 one wins: it is the more precise, and whoever
 * put it there paid for that. A file that is present but unusable makes the part missing, with
 * the reason, rather than silently falling back to another edition.
 */
function openPart(
  directory: string,
  part: GeoIpPart,
): OpenedDatabase | { problem: string | undefined } {
  const { free, paid } = GEOIP_FILE_NAMES[part];
  for (const fileName of paid ? [paid, free] : [free]) {
    const path = join(directory, fileName);
    const opened = openFile(path);
    if ('reader' in opened) return { fileName, ...opened };
    if (opened.problem !== undefined)
      return { problem: `${path} cannot be used: ${opened.problem}` };
  }
  return { problem: undefined };
}

function openFile(
  path: string,
): { reader: Reader<Response>; builtAt: Date } | { problem: string | undefined } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? undefined : (code ?? (error as Error).message) };
  }
  try {
    const reader = new Reader<Response>(bytes);
    return { reader, builtAt: reader.metadata.buildEpoch };
  } catch (error) {
    return { problem: `not a MaxMind database (${(error as Error).message})` };
  }
}
