import { SingleBar } from 'cli-progress';
import type { LogFile } from '../discover/index.js';
import { log } from '../log.js';
import type { ScanProgress } from '../scan/index.js';

export interface ProgressDisplay {
  update(progress: ScanProgress): void;
  stop(): void;
}

/** A progress bar on stderr while scanning (the caller checks that stderr is a terminal). */
export function createProgress(files: readonly LogFile[]): ProgressDisplay {
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const started = Date.now();
  const bar = new SingleBar({
    stream: log.sink.stream,
    format:
      '{bar} {percentage}% | {files} files | {megabytes} | {rate} events/s | ETA {eta_formatted}',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: true,
    fps: 5,
  });
  bar.start(totalBytes, 0, { files: `0/${files.length}`, megabytes: '0 MiB', rate: 0 });
  return {
    update({ filesDone, bytesDone, eventsRead }) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(bytesDone, {
        files: `${filesDone}/${files.length}`,
        megabytes: `${(bytesDone / 1048576).toFixed(1)} MiB`,
        rate: Math.round(eventsRead / seconds).toLocaleString('en-US'),
      });
    },
    stop() {
      bar.stop();
    },
  };
}
