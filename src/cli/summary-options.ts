import { Command, Option } from 'commander';

/** The parsed flags of `aws-ct-summary`, as commander hands them over. */
export interface SummaryFlags {
  directory?: string;
  file?: string;
  timelineStart?: string;
  timelineEnd?: string;
  timeOffset?: string;
  includeStsKeys: boolean;
  allIdentities: boolean;
  abusedList?: string;
  output?: string;
  outputType?: 'csv' | 'json' | 'jsonl';
  clobber: boolean;
  hideDescriptions: boolean;
  /** Folder of MaxMind databases (`-G`, `--GeoIP` or `--geo-ip`); commander names it after `--GeoIP`. */
  GeoIP?: string;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  threads?: string;
  maxDecompressedSize?: string;
}

const EXAMPLES = `
Examples:
  $ trailscope aws-ct-summary -d ./AWSLogs
      Scan an S3 delivery tree and show the per-identity report in the terminal.
  $ trailscope aws-ct-summary -d ./AWSLogs --timeline-start 2024-03-01 -o summary.csv
      Summarise events from 1 March 2024 onwards into a CSV file.
  $ aws cloudtrail lookup-events --output json | trailscope aws-ct-summary -f - -t jsonl | jq .user_arn
      Summarise lookup-events output from standard input as JSON lines.
`;

/** Flags as commander hands them over: switches that were not given are absent. */
export type ParsedSummaryFlags = Partial<SummaryFlags>;

/** Fills in the switches that were not given, so the rest of the code sees plain booleans. */
export function withDefaults(parsed: ParsedSummaryFlags): SummaryFlags {
  return {
    includeStsKeys: false,
    allIdentities: false,
    clobber: false,
    hideDescriptions: false,
    color: true,
    quiet: false,
    verbose: false,
    ...parsed,
  };
}

/** Declares every flag once, grouped; the help text is generated from these declarations. */
export function defineSummaryCommand(command: Command): Command {
  const group = (heading: string, options: Option[]) =>
    options.forEach((option) => command.addOption(option.helpGroup(heading)));

  group('Input:', [
    new Option('-d, --directory <DIR>', 'scan a directory tree recursively'),
    new Option('-f, --file <FILE>', 'scan one file; "-" reads standard input (gzip or plain)'),
    new Option(
      '--abused-list <FILE>',
      'abused-API CSV (EventName,Description) to use instead of the synced or bundled one',
    ),
    new Option(
      '--max-decompressed-size <SIZE>',
      'read at most SIZE of one file once decompressed, against gzip bombs (default 32G)',
    ),
  ]);
  group('Filtering:', [
    new Option('--timeline-start <DATE>', 'keep events at or after DATE (2024-03-01 or RFC 3339)'),
    new Option(
      '--timeline-end <DATE>',
      'keep events at or before DATE (a bare date includes that whole day)',
    ),
    new Option(
      '--time-offset <OFFSET>',
      'keep events no older than now minus OFFSET (30d, 3M, 24h; units y M d h m)',
    ),
    new Option('--all-identities', 'also summarise events whose userIdentity has no ARN'),
  ]);
  group('Output:', [
    new Option('-o, --output <FILE>', 'write the report to FILE (default: stdout)'),
    new Option(
      '-t, --output-type <TYPE>',
      'csv, json or jsonl (default: from the -o extension, else csv)',
    ).choices(['csv', 'json', 'jsonl']),
    new Option('-C, --clobber', 'overwrite an existing output file'),
    new Option('-s, --include-sts-keys', 'list temporary (ASIA…) access key ids too'),
    new Option('-D, --hide-descriptions', 'leave the abused-API descriptions out'),
    new Option(
      '-G, --GeoIP <DIR>',
      'add ASN, city and country to source IPs from the MaxMind .mmdb files in DIR (alias --geo-ip)',
    ),
    // commander gives an option one long name; the lower-case spelling is a hidden second option
    // that fills the same value, so help shows one line and both spellings parse.
    new Option('--geo-ip <DIR>').hideHelp(),
  ]);
  group('Display:', [
    new Option(
      '-K, --no-color',
      'no colours (also when NO_COLOR is set or output is not a terminal)',
    ),
    new Option('-q, --quiet', 'no banner and no progress bar (the final tally is still printed)'),
    new Option('-v, --verbose', 'list every skipped file, malformed line and damaged part'),
  ]);
  group('General:', [
    new Option(
      '--threads <N>',
      'scan on N worker threads (1 scans in-process; default: the number of cores, small inputs in-process)',
    ),
  ]);
  command.on('option:geo-ip', (directory: string) =>
    command.setOptionValueWithSource('GeoIP', directory, 'cli'),
  );
  command.addHelpOption(new Option('-h, --help', 'show this help').helpGroup('General:'));
  command.addHelpText('after', EXAMPLES);
  return command;
}
