import './packages.css';
import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { usePackageImportStore } from './package-import-store';
import { usePackagesStore } from './packages-store';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';

/** Signed change packages: a changeset and its approvals carried between teams as one file. */
export function PackagesPage() {
  const path = useWorkspaceStore((state) => state.current?.path);
  const head = useWorkspaceStore((state) => state.current?.head);
  const exportError = usePackagesStore((state) => state.error);
  const dismissExportError = usePackagesStore((state) => state.dismissError);
  const importError = usePackageImportStore((state) => state.error);
  const dismissImportError = usePackageImportStore((state) => state.dismissError);

  // Every commit (a changeset saved, an approval pulled in, an import) may change what is listed.
  useEffect(() => {
    if (path !== undefined) void usePackagesStore.getState().load(path);
  }, [path, head]);

  return (
    <div className="packages-page" data-testid="packages-page">
      <header className="page-header">
        <div>
          <h1>Packages</h1>
          <p className="muted page-intro">
            Export a changeset with its signed approvals as one file for a team that cannot pull this
            workspace, or verify and import a package someone sent you. Every check is shown, passed or not.
          </p>
        </div>
      </header>
      {exportError && <ErrorBanner message={exportError} onDismiss={dismissExportError} />}
      <ExportPanel />
      {importError && <ErrorBanner message={importError} onDismiss={dismissImportError} />}
      <ImportPanel />
    </div>
  );
}
