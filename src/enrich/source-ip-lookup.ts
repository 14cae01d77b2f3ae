import { displayText } from '../aggregate/index.js';
import type { GeoFacts } from '../model.js';
import { classifySourceIp } from './ip-scope.js';

/** What the report shows for one source-IP value, and the facts behind it. */
export interface SourceIpFacts {
  text: string;
  geo: GeoFacts;
}

/**
 * Loopback, private and non-address values carry no database facts: every field is null, and
 * the label in the text says which kind of address it was.
 */
const NO_FACTS: GeoFacts = Object.freeze({ asn: null, asOrg: null, city: null, country: null });

/**
 * The source-IP hook of the report: classifies each value and looks public addresses up once
 * per run, however many identities used them (`::ffff:` forms share their IPv4 look-up).
 */
export function createSourceIpLookup(
  findFacts: (address: string) => GeoFacts,
): (value: unknown) => SourceIpFacts {
  const factsByAddress = new Map<string, GeoFacts>();
  return (value) => {
    const text = displayText(value);
    const scope = classifySourceIp(value);
    switch (scope.kind) {
      case 'not-an-address':
        return { text, geo: NO_FACTS };
      case 'local':
        return { text: `${text} (Local, -, -)`, geo: NO_FACTS };
      case 'private':
        return { text: `${text} (Private, -, -)`, geo: NO_FACTS };
      case 'public': {
        let facts = factsByAddress.get(scope.address);
        if (facts === undefined) {
          facts = findFacts(scope.address);
          factsByAddress.set(scope.address, facts);
        }
        return { text: `${text} (${formatGeoLabel(facts)})`, geo: facts };
      }
    }
  };
}

/** `AS<number> <organisation>, <city>, <country>`, with `-` for each unknown part. */
export function formatGeoLabel(facts: GeoFacts): string {
  const as =
    facts.asn === null
      ? (facts.asOrg ?? '-')
      : facts.asOrg === null
        ? `AS${facts.asn}`
        : `AS${facts.asn} ${facts.asOrg}`;
  return `${as}, ${facts.city ?? '-'}, ${facts.country ?? '-'}`;
}
