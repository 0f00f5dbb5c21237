import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { FerryError } from '../../../shared/api/api-error';
import { keyIdFromSpkiDer, pemFromSpkiDer } from '../../../shared/signing/key-id';

export interface Ed25519PublicKey {
  /** Re-encoded by us, so the same key always reads the same in trust.json whatever the input wrapping. */
  pem: string;
  keyId: string;
}

function describePublic(key: KeyObject): Ed25519PublicKey {
  const der = new Uint8Array(key.export({ type: 'spki', format: 'der' }));
  return { pem: pemFromSpkiDer(der), keyId: keyIdFromSpkiDer(der) };
}

/**
 * Reads a public key someone handed over. A private key is refused rather than quietly reduced to
 * its public half: whoever passed one has just leaked it and should be told so. The input text is
 * never quoted back, in case it was a secret.
 */
export function readEd25519PublicKey(text: string): Ed25519PublicKey {
  if (/PRIVATE KEY/.test(text)) {
    throw new FerryError(
      'trust.key-invalid',
      'That file holds a PRIVATE key. Give the public key instead (`ferry key show` prints it), and treat the private key as exposed.',
    );
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: text, format: 'pem' });
  } catch {
    throw new FerryError(
      'trust.key-invalid',
      'That is not a public key in PEM form (-----BEGIN PUBLIC KEY-----)',
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new FerryError(
      'trust.key-invalid',
      `That is a ${key.asymmetricKeyType ?? 'unknown'} key; Ferry signs with Ed25519 keys only`,
    );
  }
  return describePublic(key);
}

export function generateEd25519(): { privateKeyPem: string; publicKey: Ed25519PublicKey } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: describePublic(publicKey),
  };
}

/** Opens a sealed PKCS#8 PEM; the error never repeats the text, which is the secret itself. */
export function openEd25519PrivateKey(pem: string): { key: KeyObject; publicKey: Ed25519PublicKey } {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new FerryError('key.damaged', 'The signing key in the vault cannot be read');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new FerryError('key.damaged', 'The signing key in the vault is not an Ed25519 key');
  }
  return { key, publicKey: describePublic(createPublicKey(key)) };
}

export function signEd25519(privateKey: KeyObject, data: Uint8Array): Uint8Array {
  // Ed25519 hashes internally: Node requires the algorithm argument to be null.
  return new Uint8Array(sign(null, data, privateKey));
}

/**
 * Public keys already parsed, by their PEM text. Parsing the PEM was about a quarter of each
 * verification, and a history of 60,000 records is signed by a handful of keys (issue 19). Bounded
 * (oldest dropped first) so a stream of different keys cannot grow it; only public keys from
 * trust roots and records ever reach it, nothing secret. A KeyObject is immutable, so sharing one is safe.
 */
const PARSED_KEYS_MAX = 64;
const parsedKeys = new Map<string, KeyObject>();

function parsedPublicKey(pem: string): KeyObject {
  const known = parsedKeys.get(pem);
  if (known !== undefined) return known;
  const key = createPublicKey({ key: pem, format: 'pem' });
  if (parsedKeys.size >= PARSED_KEYS_MAX) {
    const oldest = parsedKeys.keys().next();
    if (oldest.done !== true) parsedKeys.delete(oldest.value);
  }
  parsedKeys.set(pem, key);
  return key;
}

/** False for any failure (wrong key, malformed key, wrong length), never a throw: callers decide. */
export function verifyEd25519(publicKeyPem: string, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, data, parsedPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}
