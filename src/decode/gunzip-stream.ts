import { createGunzip, type Gunzip } from 'node:zlib';

/**
 * Compressed bytes handed to zlib at a time. When zlib meets damage it drops what it had
 * decompressed from the piece it was working on, so the piece size bounds what is lost before
 * the damage (a file read whole loses nothing: its damage is found by bisection instead).
 */
const INPUT_PIECE_BYTES = 16 * 1024;
const OUTPUT_CHUNK_BYTES = 64 * 1024;
/** Decompressed chunks waiting for the reader before the next piece is fed. */
const QUEUED_CHUNKS = 16;

/**
 * Gunzips a stream of compressed chunks, yielding everything decompressed before any damage
 * and then throwing zlib's error.
 *
 * A stream destroyed by an error drops the data it still buffers, and an async iterator over
 * it gives up at once, so the output is taken from `data` events into a queue of its own, and
 * the input is fed one piece at a time, only once the reader has kept up.
 */
export async function* gunzipChunks(
  head: Buffer,
  rest: AsyncIterator<Buffer>,
): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize: OUTPUT_CHUNK_BYTES });
  const output = new OutputQueue(gunzip);
  void feed(gunzip, head, rest, output).catch((error: unknown) => gunzip.destroy(error as Error));
  try {
    yield* output.chunks();
  } finally {
    gunzip.destroy();
  }
}

async function feed(
  gunzip: Gunzip,
  head: Buffer,
  rest: AsyncIterator<Buffer>,
  output: OutputQueue,
): Promise<void> {
  for (let chunk: Buffer | undefined = head; chunk !== undefined;) {
    for (let offset = 0; offset < chunk.length; offset += INPUT_PIECE_BYTES) {
      await writePiece(gunzip, chunk.subarray(offset, offset + INPUT_PIECE_BYTES));
      await output.roomForMore();
      if (gunzip.destroyed) return;
    }
    const next = await rest.next();
    chunk = next.done ? undefined : next.value;
  }
  gunzip.end();
}

/** Resolves once zlib has processed the piece, or has stopped. */
function writePiece(gunzip: Gunzip, piece: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      gunzip.off('close', done);
      resolve();
    };
    gunzip.once('close', done);
    gunzip.write(piece, done);
  });
}

class OutputQueue {
  private readonly queue: Buffer[] = [];
  private failure: Error | undefined;
  private finished = false;
  private wakeReader: (() => void) | undefined;
  private wakeFeeder: (() => void) | undefined;

  constructor(private readonly gunzip: Gunzip) {
    gunzip.on('data', (chunk: Buffer) => {
      this.queue.push(chunk);
      this.wake();
    });
    gunzip.on('end', () => {
      this.finished = true;
      this.wake();
    });
    gunzip.on('error', (error: Error) => {
      this.failure = error;
      this.wake();
    });
    gunzip.on('close', () => this.wake());
  }

  async *chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk !== undefined) {
        this.wakeFeeder?.();
        yield chunk;
      } else if (this.failure !== undefined) {
        throw this.failure;
      } else if (this.finished || this.gunzip.destroyed) {
        return;
      } else {
        await new Promise<void>((resolve) => (this.wakeReader = resolve));
      }
    }
  }

  async roomForMore(): Promise<void> {
    while (this.queue.length > QUEUED_CHUNKS && !this.gunzip.destroyed) {
      await new Promise<void>((resolve) => (this.wakeFeeder = resolve));
    }
  }

  private wake(): void {
    const reader = this.wakeReader;
    const feeder = this.wakeFeeder;
    this.wakeReader = undefined;
    this.wakeFeeder = undefined;
    reader?.();
    feeder?.();
  }
}
