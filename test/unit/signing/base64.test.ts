import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeCanonicalBase64, encodeBase64, isCanonicalBase64 } from '../../../shared/signing/base64';

describe('canonical base64', () => {
  it('encodes exactly as Node does (standard alphabet, padded) and decodes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64(bytes);
        assert.equal(text, Buffer.from(bytes).toString('base64'));
        assert.deepEqual(decodeCanonicalBase64(text), bytes);
      }),
    );
  });

  it('accepts the empty string and each padding length', () => {
    assert.deepEqual(decodeCanonicalBase64(''), new Uint8Array());
    assert.deepEqual([...(decodeCanonicalBase64('QQ==') ?? [])], [0x41]);
    assert.deepEqual([...(decodeCanonicalBase64('QUI=') ?? [])], [0x41, 0x42]);
    assert.deepEqual([...(decodeCanonicalBase64('QUJD') ?? [])], [0x41, 0x42, 0x43]);
  });

  it('rejects what Buffer.from would silently accept', () => {
    const rejected = {
      'junk character': 'QU*J',
      'embedded whitespace': 'QU JD',
      'line break': 'QUJD\nQUJD',
      'missing padding': 'QQ',
      'too much padding': 'QQ===',
      'padding in the middle': 'QQ==QUJD',
      'url-safe alphabet': 'a-_b',
      'non-zero spare bits after ==': 'QR==',
      'non-zero spare bits after =': 'QUJ=',
      'trailing newline': 'QUJD\n',
    };
    for (const [why, text] of Object.entries(rejected)) {
      assert.equal(decodeCanonicalBase64(text), null, why);
      assert.equal(isCanonicalBase64(text), false, why);
    }
    assert.deepEqual([...Buffer.from('QR==', 'base64')], [0x41], 'Node would have taken QR== for QQ==');
  });
});
