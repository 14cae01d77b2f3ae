import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeUtf8 } from '../../src/decode/text.js';

describe('decodeUtf8 reads text as UTF-8 whichever way it decodes it', () => {
  const cases: [string, Buffer][] = [
    ['pure ASCII', Buffer.from('{"eventName":"GetCallerIdentity"}')],
    ['accented letters', Buffer.from('{"userName":"José Müller"}')],
    ['characters outside the BMP', Buffer.from('{"note":"🔑 key"}')],
    ['Latin-1 range characters', Buffer.from('{"x":"\u00ff\u00e9\u0080"}')],
    ['invalid UTF-8, as U+FFFD', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])],
    ['nothing', Buffer.alloc(0)],
  ];
  for (const [name, bytes] of cases) {
    it(`decodes ${name} as Node's UTF-8 decoder does`, () => {
      assert.equal(decodeUtf8(bytes), bytes.toString('utf8'));
    });
  }

  it('decodes only the range asked for', () => {
    const bytes = Buffer.from('\ufeff{"a":"é"}\n');
    assert.equal(decodeUtf8(bytes, 3, bytes.length - 1), '{"a":"é"}');
    assert.equal(decodeUtf8(Buffer.from('ab{"a":1}'), 2), '{"a":1}');
  });

  it('does not let a non-ASCII byte outside the range change how the range reads', () => {
    const bytes = Buffer.from('é{"a":"b"}');
    assert.equal(decodeUtf8(bytes, 2), '{"a":"b"}');
  });
});
