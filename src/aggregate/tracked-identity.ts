import { createSeen, type IdentitySummary, type Seen } from './summary.js';

/**
 * The value of one field an identity used in its last event, and where that value is counted.
 * A caller's calls mostly repeat the region, address, agent, type and key of the one before,
 * and comparing with the last value is cheaper than any lookup.
 */
export class RecentValue {
  /** No value has the empty key (an empty field is keyed as absent), so the first never matches. */
  key = '';
  seen: Seen = createSeen();
}

/** An identity's summary, with what the scanning thread remembers about its last event. */
export class TrackedIdentity {
  readonly region = new RecentValue();
  readonly address = new RecentValue();
  readonly agent = new RecentValue();
  readonly type = new RecentValue();
  readonly accessKey = new RecentValue();

  /** `salt` sets this identity's maps apart from other identities' maps in the lookup cache. */
  constructor(
    readonly identity: IdentitySummary,
    readonly salt: number,
  ) {}
}
