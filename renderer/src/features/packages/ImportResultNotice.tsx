import type { PackageImport } from '../../../../shared/model/package-wire';
import { usePackageImportStore } from './package-import-store';

/** What the import did, with the way to the changeset it brought in. */
export function ImportResultNotice({ result }: { result: PackageImport }) {
  const openImported = usePackageImportStore((state) => state.openImported);
  const approvals = `${result.approvalsImported} approval${result.approvalsImported === 1 ? '' : 's'}`;
  return (
    <p
      className="info-notice"
      role="status"
      data-testid="import-result"
      data-changed={String(result.changed)}
    >
      <span>
        {result.changed ? (
          <>
            Imported <strong>{result.changesetId}</strong> with {approvals}.
          </>
        ) : (
          <>
            Nothing changed: <strong>{result.changesetId}</strong> and its approvals were already in this
            workspace.
          </>
        )}
      </span>
      <button type="button" onClick={openImported} data-testid="open-imported-changeset">
        Open changeset
      </button>
    </p>
  );
}
