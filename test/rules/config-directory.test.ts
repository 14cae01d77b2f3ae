import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfigDirectory, resolveSyncedListPath } from '../../src/rules/index.js';

describe('resolveConfigDirectory', () => {
  const cases = [
    {
      title: 'uses TRAILSCOPE_HOME before anything else',
      platform: 'linux',
      env: { TRAILSCOPE_HOME: '/srv/ir/trailscope', XDG_CONFIG_HOME: '/home/ana/.cfg' },
      expected: '/srv/ir/trailscope',
    },
    {
      title: 'uses XDG_CONFIG_HOME on Linux',
      platform: 'linux',
      env: { XDG_CONFIG_HOME: '/home/ana/.cfg' },
      expected: '/home/ana/.cfg/trailscope',
    },
    {
      title: 'falls back to ~/.config on Linux',
      platform: 'linux',
      env: {},
      expected: '/home/ana/.config/trailscope',
    },
    {
      title: 'ignores a relative XDG_CONFIG_HOME, as the XDG rules require',
      platform: 'linux',
      env: { XDG_CONFIG_HOME: 'relative/cfg' },
      expected: '/home/ana/.config/trailscope',
    },
    {
      title: 'ignores an empty TRAILSCOPE_HOME',
      platform: 'linux',
      env: { TRAILSCOPE_HOME: '' },
      expected: '/home/ana/.config/trailscope',
    },
    {
      title: 'uses the XDG layout on macOS too',
      platform: 'darwin',
      env: {},
      expected: '/home/ana/.config/trailscope',
    },
    {
      title: 'uses APPDATA on Windows',
      platform: 'win32',
      env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
      expected: 'C:\\Users\\ana\\AppData\\Roaming\\trailscope',
    },
    {
      title: 'uses TRAILSCOPE_HOME on Windows too',
      platform: 'win32',
      env: { TRAILSCOPE_HOME: 'D:\\ir\\trailscope', APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
      expected: 'D:\\ir\\trailscope',
    },
  ] as const;
  for (const { title, platform, env, expected } of cases) {
    it(title, () => {
      const home = platform === 'win32' ? 'C:\\Users\\ana' : '/home/ana';
      assert.equal(resolveConfigDirectory({ env, platform, home }), expected);
    });
  }

  it('puts the synced list in the config folder under its upstream file name', () => {
    assert.equal(
      resolveSyncedListPath({ env: {}, platform: 'linux', home: '/home/ana' }),
      '/home/ana/.config/trailscope/abused_aws_api_calls.csv',
    );
  });
});
