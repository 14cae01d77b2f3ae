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
 * The source-IP hook of the report. Each distinct value is classified once and each public
 * address looked up once per run, however many identities used it; the `::ffff:` form of an
 * address shares the look-up of its IPv4 form.
 */
export function createSourceIpLookup(
  findFacts: (address: string) => GeoFacts,
): (value: unknown) => SourceIpFacts {
  const factsByAddress = new Map<string, GeoFacts>();
  const factsOfAddress = (address: string) => {
    let facts = factsByAddress.get(address);
    if (facts === undefined) {
      facts = findFacts(address);
      factsByAddress.set(address, facts);
    }
    return facts;
  };

  const resultByValue = new Map<string, SourceIpFacts>();
  return (value) => {
    if (typeof value !== 'string') return describeValue(value, factsOfAddress);
    let result = resultByValue.get(value);
    if (result === undefined) {
      result = describeValue(value, factsOfAddress);
      resultByValue.set(value, result);
    }
    return result;
  };
}

function describeValue(
  value: unknown,
  factsOfAddress: (address: string) => GeoFacts,
): SourceIpFacts {
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
      const facts = factsOfAddress(scope.address);
      return { text: `${text} (${formatGeoLabel(facts)})`, geo: facts };
    }
  }
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
