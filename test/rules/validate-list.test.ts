import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_LIST_BYTES, UpdateFailure, validateListContent } from '../../src/rules/index.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('validateListContent', () => {
  it('accepts the upstream format, quoted descriptions included', () => {
    const { list } = validateListContent(
      bytes(
        'EventName,Description\nPassRole,"Pass privileges (e.g. Lambda, EC2)"\nStopLogging,Blind\n',
      ),
    );
    assert.deepEqual(
      [...list],
      [
        ['PassRole', 'Pass privileges (e.g. Lambda, EC2)'],
        ['StopLogging', 'Blind'],
      ],
    );
  });

  it('accepts API names with digits, as Lambda versions them', () => {
    const { list } = validateListContent(
      bytes('EventName,Description\nAddPermission20150331v2,x\n'),
    );
    assert.equal(list.get('AddPermission20150331v2'), 'x');
  });

  it('sets the limit to a few MiB', () => {
    assert.equal(MAX_LIST_BYTES, 4 * 1024 * 1024);
  });

  const refused = [
    { title: 'empty content', text: '', reason: 'the content is empty' },
    {
      title: 'an HTML page',
      text: '<!DOCTYPE html>\n<html><body>Sign in</body></html>\n',
      reason: 'an HTML page arrived instead of the CSV list (an error, login or proxy page)',
    },
    {
      title: 'an HTML page after some text',
      text: 'Proxy notice\n<html><body>Blocked</body></html>\n',
      reason: 'an HTML page arrived instead of the CSV list (an error, login or proxy page)',
    },
    {
      title: 'a CSV without the header',
      text: 'RunInstances,Launches compute\n',
      reason:
        'the content is not the abused-API list: the first line must be the header "EventName,Description"',
    },
    {
      title: 'a header without rows',
      text: 'EventName,Description\n',
      reason: 'the content is not the abused-API list: it has a header but no event names',
    },
    {
      title: 'names that are not API names',
      text: 'EventName,Description\nRun Instances,x\n=cmd|calc,y\nOk,z\n',
      reason: '2 event name(s) do not look like AWS API names, e.g. "Run Instances", "=cmd|calc"',
    },
    {
      title: 'a name longer than 128 characters',
      text: `EventName,Description\n${'A'.repeat(129)},x\n`,
      reason: `1 event name(s) do not look like AWS API names, e.g. "${'A'.repeat(60)}"`,
    },
    {
      title: 'binary data',
      text: 'EventName,Description\nA\0B,x\n',
      reason: 'the content is binary data',
    },
  ];
  for (const { title, text, reason } of refused) {
    it(`refuses ${title}`, () => {
      assert.throws(
        () => validateListContent(bytes(text)),
        (error: unknown) => error instanceof UpdateFailure && error.reason === reason,
      );
    });
  }

  it('refuses bytes that are not UTF-8', () => {
    assert.throws(
      () => validateListContent(Buffer.from([0x45, 0x76, 0xff, 0xfe, 0x0a])),
      (error: unknown) =>
        error instanceof UpdateFailure && error.reason === 'the content is not UTF-8 text',
    );
  });
});
