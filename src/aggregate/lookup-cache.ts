/**
 * A small direct-mapped cache in front of the summary's maps. Every event brings fresh strings
 * from JSON.parse, and a Map must hash each one in full before it can look it up, for every
 * identity, API and value of every event. Nearly all of them were seen before: comparing a fresh
 * string with the one cached in its slot costs a fraction of that.
 *
 * A slot is chosen from a few characters of the keys, so values made to collide only cost a
 * normal Map lookup: the cache answers only when the map and both keys are the same, compared in
 * full, so it can be wrong about nothing but its own speed.
 */
interface Entry {
  owner: object | undefined;
  key: string;
  secondKey: string;
  value: unknown;
}

const SLOT_BITS = 14;

export class LookupCache {
  private readonly entries: Entry[] = Array.from({ length: 1 << SLOT_BITS }, () => ({
    owner: undefined,
    key: '',
    secondKey: '',
    value: undefined,
  }));

  /**
   * The slot for `key` (and `secondKey`) in `owner`. `salt` tells apart the maps of one kind, so
   * that the same value in two identities' maps does not keep taking the other's slot.
   */
  slot(salt: number, key: string, secondKey: string): number {
    const mixed = Math.imul(salt ^ sampleHash(key), 0x9e3779b1) ^ sampleHash(secondKey);
    return Math.imul(mixed, 0x85ebca6b) >>> (32 - SLOT_BITS);
  }

  /** The value remembered in `slot` for exactly this owner and keys, if that is what it holds. */
  find(slot: number, owner: object, key: string, secondKey: string): unknown {
    const entry = this.entries[slot]!;
    return entry.owner === owner && entry.key === key && entry.secondKey === secondKey
      ? entry.value
      : undefined;
  }

  remember(slot: number, owner: object, key: string, secondKey: string, value: unknown): void {
    const entry = this.entries[slot]!;
    entry.owner = owner;
    entry.key = key;
    entry.secondKey = secondKey;
    entry.value = value;
  }
}

/**
 * A hash of a string's length and a few of its characters: its end, where names, addresses and
 * keys of one kind differ, and two points inside, where agents' versions do.
 */
export function sampleHash(text: string): number {
  const length = text.length;
  // Reading outside the string would throw the compiled code off its fast path.
  if (length < 3)
    return length === 0 ? 0 : Math.imul(text.charCodeAt(length - 1) + 1, FNV_PRIME) ^ length;
  let hash = Math.imul(length, FNV_PRIME);
  hash = Math.imul(hash ^ text.charCodeAt(length - 1), FNV_PRIME);
  hash = Math.imul(hash ^ text.charCodeAt(length - 2), FNV_PRIME);
  hash = Math.imul(hash ^ text.charCodeAt(length - 3), FNV_PRIME);
  hash = Math.imul(hash ^ text.charCodeAt(length >> 1), FNV_PRIME);
  return Math.imul(hash ^ text.charCodeAt(length >> 2), FNV_PRIME);
}

const FNV_PRIME = 0x01000193;
