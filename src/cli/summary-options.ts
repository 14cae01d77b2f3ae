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
  color: boolean;
  quiet: boolean;
  verbose: boolean;
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
    new Option('--all-identities', 'also summarise events whose userIdentity has no ARN').default(
      false,
    ),
  ]);
  group('Output:', [
    new Option('-o, --output <FILE>', 'write the report to FILE (default: stdout)'),
    new Option(
      '-t, --output-type <TYPE>',
      'csv, json or jsonl (default: from the -o extension, else csv)',
    ).choices(['csv', 'json', 'jsonl']),
    new Option('-C, --clobber', 'overwrite an existing output file').default(false),
    new Option('-s, --include-sts-keys', 'list temporary (ASIA…) access key ids too').default(
      false,
    ),
    new Option('-D, --hide-descriptions', 'leave the abused-API descriptions out').default(false),
  ]);
  group('Display:', [
    new Option(
      '-K, --no-color',
      'no colours (also when NO_COLOR is set or output is not a terminal)',
    ),
    new Option(
      '-q, --quiet',
      'no banner and no progress bar (the final tally is still printed)',
    ).default(false),
    new Option('-v, --verbose', 'list every skipped file, malformed line and damaged part').default(
      false,
    ),
  ]);
  command.helpOption('-h, --help', 'show this help');
  command.addHelpText('after', EXAMPLES);
  return command;
}
