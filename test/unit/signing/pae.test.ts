import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { preAuthEncoding } from '../../../shared/signing/pae';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('DSSE pre-authentication encoding', () => {
  it('matches the DSSE spec test vector', () => {
    const encoded = preAuthEncoding('http://example.com/HelloWorld', new TextEncoder().encode('hello world'));
    assert.equal(decode(encoded), 'DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('counts bytes, not characters, for both the type and the body', () => {
    const encoded = preAuthEncoding('é', new TextEncoder().encode('ü'));
    assert.equal(decode(encoded), 'DSSEv1 2 é 2 ü');
  });

  it('keeps an empty body and binary bodies byte for byte', () => {
    assert.equal(decode(preAuthEncoding('t', new Uint8Array())), 'DSSEv1 1 t 0 ');
    const body = Uint8Array.from([0, 255, 10, 32]);
    const encoded = preAuthEncoding('t', body);
    assert.deepEqual([...encoded.slice(-4)], [0, 255, 10, 32]);
    assert.equal(decode(encoded.slice(0, -4)), 'DSSEv1 1 t 4 ');
  });
});
