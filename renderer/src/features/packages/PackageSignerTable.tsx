import type { PackageSigner } from '../../../../shared/model/package-wire';
import { formatWhen, shortKeyId } from '../promotions/promotion-format';

/** Every signature in the package and whether this workspace's trust.json knows the key. */
export function PackageSignerTable({ signers }: { signers: readonly PackageSigner[] }) {
  if (signers.length === 0) {
    return (
      <p className="muted" data-testid="no-signers">
        No signature could be read from the package.
      </p>
    );
  }
  return (
    <table className="package-table" data-testid="package-signers">
      <thead>
        <tr>
          <th>Owner</th>
          <th>Role</th>
          <th>Key</th>
          <th>Trusted</th>
          <th>Decision</th>
          <th>At</th>
        </tr>
      </thead>
      <tbody>
        {signers.map((signer) => (
          <tr
            key={`${signer.role}:${signer.keyId}:${signer.at ?? ''}`}
            className={signer.trusted ? 'signer' : 'signer untrusted'}
            data-testid="package-signer"
            data-role={signer.role}
            data-trusted={String(signer.trusted)}
          >
            <td>
              <strong>{signer.owner ?? 'Unknown key'}</strong>
              {signer.comment && <div className="package-signer-comment">“{signer.comment}”</div>}
            </td>
            <td>{signer.role}</td>
            <td>
              <code title={signer.keyId}>{shortKeyId(signer.keyId)}</code>
            </td>
            <td className={signer.trusted ? 'trusted-yes' : 'trusted-no'}>
              {signer.trusted ? 'yes' : 'not trusted here'}
            </td>
            <td className={signer.decision === 'rejected' ? 'decision-rejected' : undefined}>
              {signer.decision ?? '—'}
            </td>
            <td className="muted">{formatWhen(signer.at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
