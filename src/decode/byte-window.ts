/**
 * A growable window over a byte stream: chunks are appended, consumed bytes are dropped from the
 * front. Only the new chunk is copied (capacity doubles when needed), so reading a file in
 * chunks stays linear however long a document has to be kept whole.
 */
export class ByteWindow {
  /** The bytes held; `view[0]` is byte number `base` of the stream. */
  view: Buffer = Buffer.alloc(0);
  base = 0;
  /** The byte just before `view[0]`, once dropped: whether the view starts a line. */
  byteBefore: number | undefined;
  private storage: Buffer = Buffer.alloc(0);

  /** Drops the first `consumed` bytes of the view, then appends `chunk`. */
  append(chunk: Buffer, consumed: number): void {
    const kept = this.view.length - consumed;
    if (consumed > 0) this.byteBefore = this.view[consumed - 1];
    this.base += consumed;
    if (kept === 0) {
      // Nothing to carry over: use the chunk itself, no copy.
      this.storage = chunk;
      this.view = chunk;
      return;
    }
    const needed = kept + chunk.length;
    if (needed > this.storage.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.storage.length * 2, 64 * 1024));
      this.view.copy(grown, 0, consumed);
      this.storage = grown;
    } else if (consumed > 0) {
      this.storage.copyWithin(0, consumed, this.view.length);
    }
    chunk.copy(this.storage, kept);
    this.view = this.storage.subarray(0, needed);
  }
}
