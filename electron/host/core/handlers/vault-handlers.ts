import type { CredentialVault } from '../../../services/vault/credential-vault';
import type { ChannelHandlers } from '../dispatcher';

/** The vault's status and session unlock onto the vault; no behaviour here. */
export function createVaultHandlers(
  vault: CredentialVault,
): Pick<ChannelHandlers, 'vault.status' | 'vault.unlock'> {
  return {
    'vault.status': () => vault.status(),
    'vault.unlock': ({ passphrase }) => vault.unlock(passphrase),
  };
}
