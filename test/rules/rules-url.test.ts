import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../src/errors.js';
import { DEFAULT_RULES_URL, displayUrl, resolveRulesSource } from '../../src/rules/index.js';

describe('resolveRulesSource', () => {
  it('prefers --url over TRAILSCOPE_RULES_URL', () => {
    const source = resolveRulesSource('https://mirror.example.internal/list.csv', {
      TRAILSCOPE_RULES_URL: 'https://other.example.internal/list.csv',
    });
    assert.equal(source.url.href, 'https://mirror.example.internal/list.csv');
    assert.equal(source.from, '--url');
  });

  it('takes TRAILSCOPE_RULES_URL when --url is not given', () => {
    const source = resolveRulesSource(undefined, { TRAILSCOPE_RULES_URL: 'file:///srv/list.csv' });
    assert.equal(source.url.href, 'file:///srv/list.csv');
    assert.equal(source.from, 'TRAILSCOPE_RULES_URL');
  });

  it('falls back to the public list of the Suzaku rules', () => {
    const source = resolveRulesSource(undefined, {});
    assert.equal(source.url.href, DEFAULT_RULES_URL);
    assert.equal(
      source.url.href,
      'https://raw.githubusercontent.com/Yamato-Security/suzaku-rules/main/config/abused_aws_api_calls.csv',
    );
    assert.equal(source.from, 'default');
  });

  const refused = [
    { text: 'not a url', message: /^--url "not a url": not a URL\. Give a full URL, e\.g\./ },
    { text: 'ftp://mirror.example/list.csv', message: /ftp: URLs are not supported/ },
    {
      text: 'https://ana:secret@mirror.example/list.csv',
      message: /^--url "https:\/\/mirror\.example\/list\.csv": user names and passwords/,
    },
  ];
  // Windows opens file://server/share paths; other systems have no such thing.
  if (process.platform !== 'win32') {
    refused.push({ text: 'file://fileserver/share/list.csv', message: /Give an absolute path/ });
  }
  for (const { text, message } of refused) {
    it(`refuses ${JSON.stringify(text)} as a usage error`, () => {
      assert.throws(
        () => resolveRulesSource(text, {}),
        (error: unknown) => error instanceof UserError && message.test(error.message),
      );
    });
  }

  it('names TRAILSCOPE_RULES_URL when that is what is wrong', () => {
    assert.throws(
      () => resolveRulesSource(undefined, { TRAILSCOPE_RULES_URL: 'gopher://x/list.csv' }),
      /^UserError: TRAILSCOPE_RULES_URL "gopher:\/\/x\/list\.csv": gopher: URLs are not supported/,
    );
  });
});

describe('displayUrl', () => {
  it('leaves credentials out of the URL shown in messages', () => {
    assert.equal(
      displayUrl(new URL('https://ana:secret@mirror.example/list.csv')),
      'https://mirror.example/list.csv',
    );
  });
});
