import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * SHA-256 as lowercase hex, from an audited library rather than our own rounds. `shared/` runs in
 * the renderer too, where Node's crypto is absent and Web Crypto is asynchronous; file names must
 * be computed synchronously, and @noble/hashes is synchronous and pure JavaScript.
 */
export function sha256Hex(message: Uint8Array): string {
  return bytesToHex(sha256(message));
}
