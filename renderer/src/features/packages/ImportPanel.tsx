import { usePackageImportStore } from './package-import-store';
import { usePackagesStore } from './packages-store';
import { ImportResultNotice } from './ImportResultNotice';
import { PackageReportView } from './PackageReportView';
import { failedChecks } from './package-format';

/** A package file from another team: checked offline against this workspace, then imported. */
export function ImportPanel() {
  const environments = usePackagesStore((state) => state.environments);
  const fileName = usePackageImportStore((state) => state.fileName);
  const text = usePackageImportStore((state) => state.text);
  const reading = usePackageImportStore((state) => state.reading);
  const target = usePackageImportStore((state) => state.target);
  const verifying = usePackageImportStore((state) => state.verifying);
  const report = usePackageImportStore((state) => state.report);
  const reportTarget = usePackageImportStore((state) => state.reportTarget);
  const importing = usePackageImportStore((state) => state.importing);
  const result = usePackageImportStore((state) => state.result);
  const { chooseFile, setTarget, verify, importPackage } = usePackageImportStore.getState();
  const failed = report ? failedChecks(report) : 0;

  return (
    <section className="card package-import" data-testid="package-import">
      <h2>Verify and import a package</h2>
      <div className="package-import-row">
        <label className="form-field">
          <span className="form-field-label">Package file</span>
          <input
            type="file"
            accept=".json,application/json"
            onChange={(event) => void chooseFile(event.target.files?.[0] ?? null)}
            data-testid="package-file"
          />
        </label>
        <label className="form-field">
          <span className="form-field-label">Target environment (optional)</span>
          <select
            value={target ?? ''}
            onChange={(event) => void setTarget(event.target.value || null)}
            data-testid="package-target"
          >
            <option value="">As the package says</option>
            {environments.map((view) => (
              <option key={view.config.name} value={view.config.name}>
                {view.config.label || view.config.name} ({view.config.tier})
              </option>
            ))}
          </select>
        </label>
        <div className="package-import-actions">
          <button
            type="button"
            disabled={text === null || verifying || reading}
            onClick={() => void verify()}
            data-testid="verify-package"
          >
            {verifying ? 'Verifying…' : 'Verify again'}
          </button>
        </div>
      </div>
      <p className="muted small">
        {reading
          ? `Reading ${fileName ?? 'the file'}…`
          : 'Signatures are checked against this workspace’s signed trust root and approvals against the target’s policy, offline. Nothing is written until you import.'}
      </p>
      {report && (
        <>
          <PackageReportView
            report={report}
            title={fileName ?? 'Package'}
            testId="package-report"
            target={reportTarget}
            context="import"
          />
          <div className="package-import-bar">
            <button
              type="button"
              className="primary"
              disabled={!report.ok || importing || verifying}
              onClick={() => void importPackage()}
              data-testid="import-package"
            >
              {importing ? 'Importing…' : 'Import'}
            </button>
            <span
              className={report.ok ? 'muted small' : 'package-import-blocked small'}
              data-testid="import-hint"
            >
              {report.ok
                ? report.alreadyImported
                  ? 'This changeset and its approvals are already here; importing again changes nothing.'
                  : 'Creates the changeset and its approvals in this workspace.'
                : `Import is off: ${failed === 1 ? 'a check' : `${failed} checks`} failed. What to do is under each failed check above.`}
            </span>
          </div>
        </>
      )}
      {result && <ImportResultNotice result={result} />}
    </section>
  );
}
