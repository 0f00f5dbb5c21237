import type { CipherFactory } from './credential-vault';
import { PassphraseCipher } from './passphrase-cipher';

/** Outside Electron the vault opens with `FERRY_VAULT_PASSPHRASE`; without it there is no vault. */
export function headlessCipherFactory(env: NodeJS.ProcessEnv): CipherFactory {
  const passphrase = env.FERRY_VAULT_PASSPHRASE;
  if (!passphrase) return null;
  return (salt, kdf) => new PassphraseCipher(passphrase, salt, kdf);
}
