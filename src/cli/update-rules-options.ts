import { Command, Option } from 'commander';
import { DEFAULT_RULES_URL, resolveSyncedListPath } from '../rules/index.js';

/** The parsed flags of `update-rules`, as commander hands them over. */
export interface UpdateRulesFlags {
  url?: string;
  timeout: string;
  color: boolean;
}

const EXAMPLES = `
Examples:
  $ trailscope update-rules
      Download the current list from the public Suzaku rules repository.
  $ trailscope update-rules --url https://raw.githubusercontent.com/Yamato-Security/suzaku-rules/<commit>/config/abused_aws_api_calls.csv
      Pin the list to one reviewed commit.
  $ trailscope update-rules --url file:///media/usb/abused_aws_api_calls.csv
      Take the list from a copy carried into an air-gapped network.
`;

/** Declares the flags of `update-rules`; help is generated from these declarations. */
export function defineUpdateRulesCommand(command: Command): Command {
  const group = (heading: string, options: Option[]) =>
    options.forEach((option) => command.addOption(option.helpGroup(heading)));

  group('Source:', [
    new Option(
      '--url <URL>',
      'https://, http:// or file:// URL of the list (default: $TRAILSCOPE_RULES_URL, else the public list)',
    ),
    new Option('--timeout <SECONDS>', 'give up when the download takes longer').default('30', '30'),
  ]);
  group('Display:', [
    new Option(
      '-K, --no-color',
      'no colours (also when NO_COLOR is set or output is not a terminal)',
    ),
  ]);
  command.helpOption('-h, --help', 'show this help');
  // A function, so that the path shown is the one TRAILSCOPE_HOME selects at the time of asking.
  command.addHelpText(
    'after',
    () =>
      `\nThe public list: ${DEFAULT_RULES_URL}\n` +
      `Saved to: ${resolveSyncedListPath()} (set TRAILSCOPE_HOME to change the folder)\n` +
      'Proxies: HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.\n' +
      EXAMPLES,
  );
  return command;
}
