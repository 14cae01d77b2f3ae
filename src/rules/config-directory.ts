import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** File name of the synced abused-API list inside the config directory. */
export const SYNCED_LIST_FILE_NAME = 'abused_aws_api_calls.csv';

/** What decides the config directory; the defaults are the running process's own. */
export interface ConfigLocation {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
}

/**
 * The user's trailscope config directory: TRAILSCOPE_HOME when set; else `%APPDATA%\trailscope`
 * on Windows and `$XDG_CONFIG_HOME/trailscope` or `~/.config/trailscope` elsewhere. macOS uses
 * the XDG layout too, as command-line tools there usually do, so that one documented path and
 * one variable work on every Unix-like system.
 */
export function resolveConfigDirectory(location: ConfigLocation = currentLocation()): string {
  const { env, platform, home } = location;
  const path = platform === 'win32' ? win32 : posix;
  const override = env.TRAILSCOPE_HOME;
  if (override) return path.resolve(override);
  if (platform === 'win32') {
    return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'trailscope');
  }
  // The XDG rules say a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'trailscope');
  return path.join(home, '.config', 'trailscope');
}

/** Where `update-rules` keeps the list and `aws-ct-summary` looks for it. */
export function resolveSyncedListPath(location: ConfigLocation = currentLocation()): string {
  const path = location.platform === 'win32' ? win32 : posix;
  return path.join(resolveConfigDirectory(location), SYNCED_LIST_FILE_NAME);
}

function currentLocation(): ConfigLocation {
  return { env: process.env, platform: process.platform, home: homedir() };
}
