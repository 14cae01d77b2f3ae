import { createSummary, type Summary } from '../aggregate/index.js';
import { SlicedReadFailedError } from '../decode/index.js';
import type { LogFile } from '../discover/index.js';
import { scanFile, type ScanOptions } from './scan-file.js';
import { createScanTally, type ScanTally } from './scan-tally.js';

/**
 * Scans files one after another into one summary, for one thread. Files laid out as CloudTrail
 * writes them are read a slice at a time. When a file turns out part-way not to be laid out
 * that way (it is damaged, or holds more than its Records list), the events already counted
 * from it cannot be taken back, so the scanner starts over: a fresh summary, and every file
 * scanned so far read again, whole, as is everything after. Only crafted or damaged input costs
 * that second pass, and the result is the same as if slices had never been used.
 */
export class FileScanner {
  summary: Summary = createSummary();
  tally: ScanTally = createScanTally();
  private readonly scanned: LogFile[] = [];
  private inSlices = true;

  constructor(private readonly options: ScanOptions) {}

  async scan(file: LogFile): Promise<void> {
    this.scanned.push(file);
    try {
      await scanFile(file, this.summary, this.tally, this.options, this.inSlices);
    } catch (error) {
      if (!(error instanceof SlicedReadFailedError)) throw error;
      await this.startOverWithoutSlices();
    }
  }

  private async startOverWithoutSlices(): Promise<void> {
    this.inSlices = false;
    this.summary = createSummary();
    this.tally = createScanTally();
    for (const file of this.scanned) {
      await scanFile(file, this.summary, this.tally, this.options, false);
    }
  }
}
