/** Why a whole file contributed no events. */
export type SkipReason =
  'unreadable' | 'notJson' | 'empty' | 'tooLarge' | 'digestFile' | 'notRegular';

/** One problem with one input, as printed in the final report. */
export interface InputProblem {
  path: string;
  line?: number;
  message: string;
}

/** What the scan did with its input, file by file and record by record. */
export interface ScanTally {
  filesFound: number;
  filesScanned: number;
  bytesRead: number;
  skippedFiles: Record<SkipReason, number>;
  digestRecords: number;
  insightRecords: number;
  nonObjectRecords: number;
  malformedRecords: number;
  malformedLines: number;
  damagedParts: number;
  damagedGzipFiles: number;
  invalidUtf8Files: number;
  problems: InputProblem[];
}

export function createScanTally(): ScanTally {
  return {
    filesFound: 0,
    filesScanned: 0,
    bytesRead: 0,
    skippedFiles: {
      unreadable: 0,
      notJson: 0,
      empty: 0,
      tooLarge: 0,
      digestFile: 0,
      notRegular: 0,
    },
    digestRecords: 0,
    insightRecords: 0,
    nonObjectRecords: 0,
    malformedRecords: 0,
    malformedLines: 0,
    damagedParts: 0,
    damagedGzipFiles: 0,
    invalidUtf8Files: 0,
    problems: [],
  };
}

/** Adds a partial tally (another worker's) into `into`. */
export function mergeScanTally(into: ScanTally, from: ScanTally): void {
  for (const key of Object.keys(into) as (keyof ScanTally)[]) {
    const value = from[key];
    if (typeof value === 'number') (into[key] as number) += value;
  }
  for (const reason of Object.keys(into.skippedFiles) as SkipReason[]) {
    into.skippedFiles[reason] += from.skippedFiles[reason];
  }
  into.problems.push(...from.problems);
}
