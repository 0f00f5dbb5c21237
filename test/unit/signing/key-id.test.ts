import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  ed25519SpkiDerFromPem,
  keyIdFromPem,
  keyIdFromSpkiDer,
  keyIdSchema,
  pemFromSpkiDer,
} from '../../../shared/signing/key-id';

describe('key ids', () => {
  it('is the sha256 of the SPKI DER, in hex, as Node computes it', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const der = publicKey.export({ type: 'spki', format: 'der' });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const expected = createHash('sha256').update(der).digest('hex');
    assert.equal(keyIdFromSpkiDer(new Uint8Array(der)), expected);
    assert.equal(keyIdFromPem(pem), expected);
    assert.equal(keyIdSchema.safeParse(expected).success, true);
    assert.equal(pemFromSpkiDer(new Uint8Array(der)), pem, "our PEM is byte-identical to Node's");
    assert.equal(der.subarray(0, 12).toString('hex'), '302a300506032b6570032100');
  });

  it('refuses anything but an Ed25519 public key PEM', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const ed = generateKeyPairSync('ed25519');
    const privatePem = ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicPem = ed.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    assert.equal(keyIdFromPem(rsa), null);
    assert.equal(keyIdFromPem(privatePem), null);
    assert.equal(keyIdFromPem('hello'), null);
    assert.equal(ed25519SpkiDerFromPem(publicPem.replace('MCow', 'MC*w')), null, 'junk in the base64');
    assert.equal(keyIdSchema.safeParse('ABC').success, false);
  });
});
