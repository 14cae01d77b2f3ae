import { createHash } from 'node:crypto';

export const HEX = '0123456789abcdef';
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A small seeded generator (sfc32). A corpus must come out byte-identical from the same options,
 * so nothing here touches Math.random. Each concern draws from its own named stream, so that for
 * example the file layout can change without changing which identity makes which call.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string, stream: string) {
    const digest = createHash('sha256').update(`${seed}\0${stream}`).digest();
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.d = digest.readUInt32LE(12);
    // The first outputs of sfc32 still echo the seed; discard them.
    for (let i = 0; i < 16; i++) this.next();
  }

  /** A uniform number in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, count). */
  below(count: number): number {
    return Math.floor(this.next() * count);
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)] as T;
  }

  chars(alphabet: string, length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[this.below(alphabet.length)];
    return text;
  }

  /** A version-4 UUID, the shape CloudTrail uses for eventID. */
  uuid(): string {
    const hex = this.chars(HEX, 30);
    const variant = HEX[8 + this.below(4)];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(12, 15)}-${variant}${hex.slice(15, 18)}-${hex.slice(18)}`;
  }
}

/** Picks items in proportion to fixed weights (binary search over the running totals). */
export class WeightedChoice<T> {
  private readonly totals: number[] = [];

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    let total = 0;
    for (const weight of weights) this.totals.push((total += weight));
  }

  pick(random: Random): T {
    const target = random.next() * (this.totals.at(-1) ?? 0);
    let low = 0;
    let high = this.totals.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.totals[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    return this.items[low] as T;
  }
}
