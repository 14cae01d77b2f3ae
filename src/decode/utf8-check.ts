import { isUtf8 } from 'node:buffer';

/**
 * Checks UTF-8 validity of a stream chunk by chunk. A multi-byte character may be split
 * between chunks, so up to three trailing bytes of an unfinished sequence wait for the next.
 */
export class Utf8Check {
  valid = true;
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    if (!this.valid) return;
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = startOfUnfinishedSequence(data);
    if (!isUtf8(data.subarray(0, cut))) this.valid = false;
    this.carry = Buffer.from(data.subarray(cut));
  }

  end(): boolean {
    if (this.carry.length > 0) this.valid = false;
    return this.valid;
  }
}

/** Index where a trailing, not yet complete multi-byte sequence starts (or the length). */
function startOfUnfinishedSequence(data: Buffer): number {
  for (let back = 1; back <= 3 && back <= data.length; back++) {
    const byte = data[data.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? data.length - back : data.length;
  }
  return data.length;
}
