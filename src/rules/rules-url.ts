import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';

/** The list maintained with the Suzaku rules, on the main branch. */
export const DEFAULT_RULES_URL =
  'https://raw.githubusercontent.com/Yamato-Security/suzaku-rules/main/config/abused_aws_api_calls.csv';

export interface RulesSource {
  url: URL;
  /** Which setting chose the URL, named in messages so the user knows what to change. */
  from: '--url' | 'TRAILSCOPE_RULES_URL' | 'default';
}

/** The URL to download from: --url, else TRAILSCOPE_RULES_URL, else the public list. */
export function resolveRulesSource(
  flagUrl: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): RulesSource {
  if (flagUrl !== undefined) return { url: parseRulesUrl(flagUrl, '--url'), from: '--url' };
  const fromEnv = env.TRAILSCOPE_RULES_URL;
  if (fromEnv) {
    return {
      url: parseRulesUrl(fromEnv, 'TRAILSCOPE_RULES_URL'),
      from: 'TRAILSCOPE_RULES_URL',
    };
  }
  return { url: new URL(DEFAULT_RULES_URL), from: 'default' };
}

/** The URL as shown in messages: without a user name or password, which must not reach logs. */
export function displayUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  return shown.href;
}

function parseRulesUrl(text: string, setting: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(
      `${setting} "${text}": not a URL. Give a full URL, e.g. ${setting === '--url' ? '--url ' : ''}` +
        'https://mirror.example.internal/abused_aws_api_calls.csv or file:///srv/mirror/abused_aws_api_calls.csv',
    );
  }
  if (!['https:', 'http:', 'file:'].includes(url.protocol)) {
    throw new UserError(
      `${setting} "${displayUrl(url)}": ${url.protocol} URLs are not supported. ` +
        'Use https://, http:// or file://, e.g. file:///srv/mirror/abused_aws_api_calls.csv',
    );
  }
  // fetch refuses URLs that carry credentials; say so before any network traffic.
  if (url.protocol !== 'file:' && (url.username !== '' || url.password !== '')) {
    throw new UserError(
      `${setting} "${displayUrl(url)}": user names and passwords in the URL are not supported. ` +
        'Serve the list without authentication inside your network, or copy it and use file://.',
    );
  }
  if (url.protocol === 'file:') checkFileUrl(url, setting);
  return url;
}

/** A file:// URL must name a path this system can open (no remote host outside Windows). */
function checkFileUrl(url: URL, setting: string): void {
  try {
    fileURLToPath(url);
  } catch (error) {
    throw new UserError(
      `${setting} "${url.href}": ${(error as Error).message}. ` +
        'Give an absolute path, e.g. file:///srv/mirror/abused_aws_api_calls.csv',
    );
  }
}
