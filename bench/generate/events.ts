import type { CloudTrailEvent } from '../../src/model.js';
import type { Identity, Population } from './population.js';
import { Random, WeightedChoice } from './random.js';

/** Where an event was delivered: the region it ran in and the account whose trail holds it. */
export interface Placement {
  awsRegion: string;
  /** Undefined: the caller's own account. */
  recipientAccountId?: string;
}

export interface EventFactoryOptions {
  seed: string;
  templates: readonly CloudTrailEvent[];
  population: Population;
  /** Share of calls that fail, in [0, 1]. */
  errorRate: number;
  startMs: number;
  spanMs: number;
  /** How many events the corpus will hold (an estimate is fine): spreads them over the span. */
  expectedEvents: number;
}

// Denials come under many codes; weighted roughly as they show up when a stolen key probes.
const ERRORS = new WeightedChoice(
  [
    ['AccessDenied', 'Access Denied'],
    ['Client.UnauthorizedOperation', 'You are not authorized to perform this operation.'],
    ['AccessDeniedException', 'User is not authorized to perform this action'],
    ['NoSuchEntityException', 'The user with name cannot be found.'],
    ['ThrottlingException', 'Rate exceeded'],
    ['InvalidParameterValueException', 'The parameter value is not valid.'],
  ],
  [50, 15, 15, 8, 7, 5],
);

/**
 * Makes event number `index` of a corpus. Everything about the call (template, identity, key,
 * address, agent, outcome, time) depends only on the seed and the index, not on how events are
 * grouped into files, so a tree and a single file built with the same options hold the same calls.
 * Events must be made in index order: each draw continues the same random stream.
 */
export class EventFactory {
  private readonly random: Random;

  constructor(private readonly options: EventFactoryOptions) {
    this.random = new Random(options.seed, 'events');
  }

  /** The event as minified JSON. */
  make(index: number, placement: Placement): string {
    const random = this.random;
    const { population, templates } = this.options;
    // Each identity makes its first call early, so every one of them is in even a small corpus.
    const identity = population.identities[index] ?? population.busiest.pick(random);
    const template = templates[random.pick(identity.repertoire)] as CloudTrailEvent;

    const event: CloudTrailEvent = {
      ...template,
      eventTime: this.timeOf(index, random.next()),
      awsRegion: placement.awsRegion,
      sourceIPAddress: oftenTheFirst(random, identity.sourceIPs),
      userAgent: oftenTheFirst(random, identity.userAgents),
      userIdentity: { ...identity.userIdentity, accessKeyId: accessKeyOf(random, identity) },
      eventID: random.uuid(),
      recipientAccountId: placement.recipientAccountId ?? identity.accountId,
    };
    if ('requestID' in template) event.requestID = requestIdLike(random, template.requestID);
    if (random.chance(this.options.errorRate)) {
      const [errorCode, errorMessage] = ERRORS.pick(random) as [string, string];
      event.errorCode = errorCode;
      event.errorMessage = errorMessage;
      if ('responseElements' in event) event.responseElements = null;
    }
    return JSON.stringify(event);
  }

  /** The time of event `index`, so that files written in index order are in time order too. */
  timeOf(index: number, jitter = 0): string {
    const { startMs, spanMs, expectedEvents } = this.options;
    const ms = startMs + Math.floor(((index + jitter) * spanMs) / Math.max(expectedEvents, 1));
    return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  }
}

/** Most calls come from an identity's usual address or agent; the others now and then. */
function oftenTheFirst(random: Random, values: readonly string[]): string {
  return random.chance(0.75) ? (values[0] as string) : random.pick(values);
}

/** IAM users mostly sign with their long-term key; roles and console sessions with ASIA keys. */
function accessKeyOf(random: Random, identity: Identity): string {
  const { longTermKeys, sessionKeys } = identity;
  if (longTermKeys.length > 0 && (sessionKeys.length === 0 || random.chance(0.9))) {
    return random.pick(longTermKeys);
  }
  return random.pick(sessionKeys);
}

/** S3 request ids are 16 upper-case letters and digits; most other services use a UUID. */
function requestIdLike(random: Random, original: unknown): string {
  if (typeof original === 'string' && /^[0-9A-Z]{16}$/.test(original)) {
    return random.chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 16);
  }
  return random.uuid();
}
