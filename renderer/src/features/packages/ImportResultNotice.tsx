import type { PackageImport } from '../../../../shared/model/package-wire';
import { usePackageImportStore } from './package-import-store';
import { importNeedsLines } from './package-values';

/**
 * What the import did, with the way to the changeset it brought in, and what each environment here
 * still needs before the changeset can be planned there (issue 15).
 */
export function ImportResultNotice({ result }: { result: PackageImport }) {
  const openImported = usePackageImportStore((state) => state.openImported);
  const approvals = `${result.approvalsImported} approval${result.approvalsImported === 1 ? '' : 's'}`;
  const needs = importNeedsLines(result.needs);
  return (
    <>
      <ImportedLine result={result} approvals={approvals} onOpen={openImported} />
      {needs.length > 0 && (
        <div className="import-needs" data-testid="import-needs">
          <h3>Values each environment here needs</h3>
          <ul>
            {needs.map((line) => (
              <li key={line.environment} data-testid="import-need" data-ready={String(line.ready)}>
                <strong>{line.environment}</strong> {line.text}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function ImportedLine({
  result,
  approvals,
  onOpen,
}: {
  result: PackageImport;
  approvals: string;
  onOpen: () => void;
}) {
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
      <button type="button" onClick={onOpen} data-testid="open-imported-changeset">
        Open changeset
      </button>
    </p>
  );
}
