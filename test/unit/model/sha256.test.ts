import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { sha256Hex } from '../../../shared/model/canonical/sha256';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('sha256Hex', () => {
  // FIPS 180-4 example vectors: the empty message, one block, a message that needs a second
  // padding block, and a million 'a's that runs through many blocks.
  it('matches the published vectors', () => {
    assert.equal(sha256Hex(utf8('')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256Hex(utf8('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(
      sha256Hex(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')),
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    assert.equal(
      sha256Hex(new Uint8Array(1_000_000).fill(0x61)),
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with node:crypto on a mebibyte of varied bytes', () => {
    const bytes = new Uint8Array(1024 * 1024);
    for (let index = 0; index < bytes.length; index += 1)
      bytes[index] = (index * 7919 + (index >>> 8)) & 0xff;
    assert.equal(sha256Hex(bytes), createHash('sha256').update(bytes).digest('hex'));
  });

  it('hashes a Buffer, a Uint8Array subclass, like its bytes', () => {
    const buffer = Buffer.from('ferry', 'utf8');
    assert.equal(sha256Hex(buffer), sha256Hex(utf8('ferry')));
  });
});
