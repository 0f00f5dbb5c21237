import { ChangesetSelect } from '../../components/ChangesetSelect';
import { usePackagesStore } from './packages-store';
import { usePackageImportStore } from './package-import-store';
import { ExportConfirmDialog } from './ExportConfirmDialog';
import { PackageReportView } from './PackageReportView';
import { EXPIRY_MAX_DAYS, EXPIRY_MIN_DAYS, exportBlocker, expiryProblem } from './package-format';

/** A changeset, the environments it is meant for, and the signed file that carries it there. */
export function ExportPanel() {
  const changesets = usePackagesStore((state) => state.changesets);
  const environments = usePackagesStore((state) => state.environments);
  const loaded = usePackagesStore((state) => state.loaded);
  const changesetId = usePackagesStore((state) => state.changesetId);
  const targets = usePackagesStore((state) => state.targets);
  const source = usePackagesStore((state) => state.source);
  const expiresInDays = usePackagesStore((state) => state.expiresInDays);
  const exporting = usePackagesStore((state) => state.exporting);
  const exported = usePackagesStore((state) => state.exported);
  const held = usePackagesStore((state) => state.held);
  const declined = usePackagesStore((state) => state.declined);
  const importReportShown = usePackageImportStore((state) => state.report !== null);
  const { choose, toggleTarget, setExpiresInDays, exportPackage, exportAnyway, keepHeld, saveAgain } =
    usePackagesStore.getState();
  const expiryError = expiryProblem(expiresInDays);
  const blocker = exportBlocker({
    changesetId,
    targets,
    environments: environments.length,
    expiresInDays,
  });

  return (
    <section className="card package-export" data-testid="package-export">
      <h2>Export a package</h2>
      {loaded && changesets.length === 0 ? (
        <p className="muted" data-testid="empty-packages">
          No changesets to export yet: build one in Changesets or from a compare. A package someone sent you
          can still be verified and imported below.
        </p>
      ) : (
        <>
          <div className="package-export-row">
            <ChangesetSelect
              changesets={changesets}
              value={changesetId}
              onChange={(id) => choose({ changesetId: id })}
              testId="export-changeset"
            />
            <label className="form-field">
              <span className="form-field-label">Built against (optional)</span>
              <select
                value={source ?? ''}
                onChange={(event) => choose({ source: event.target.value || null })}
                data-testid="export-source"
              >
                <option value="">Not recorded</option>
                {environments.map((view) => (
                  <option key={view.config.name} value={view.config.name}>
                    {view.config.label || view.config.name} ({view.config.tier})
                  </option>
                ))}
              </select>
            </label>
            <label
              className={expiryError ? 'form-field package-expiry invalid' : 'form-field package-expiry'}
            >
              <span className="form-field-label">Expires after (days)</span>
              <input
                type="number"
                min={EXPIRY_MIN_DAYS}
                max={EXPIRY_MAX_DAYS}
                step={1}
                value={expiresInDays}
                onChange={(event) => setExpiresInDays(event.target.value)}
                placeholder="Default"
                data-testid="export-expiry"
              />
              {expiryError && (
                <span className="field-error" data-testid="export-expiry-error">
                  {expiryError}
                </span>
              )}
            </label>
          </div>
          <fieldset className="package-targets" data-testid="export-targets">
            <legend>For environments</legend>
            {environments.length === 0 && (
              <p className="muted small">
                No environments in this workspace: add the targets in Environments.
              </p>
            )}
            {environments.map((view) => (
              <label key={view.config.name} className="checkbox-label">
                <input
                  type="checkbox"
                  checked={targets.includes(view.config.name)}
                  onChange={() => toggleTarget(view.config.name)}
                  data-testid="export-target"
                  data-environment={view.config.name}
                />
                {view.config.label || view.config.name} ({view.config.tier})
              </label>
            ))}
          </fieldset>
          <div className="package-export-actions">
            <button
              type="button"
              className="primary"
              disabled={blocker !== null || exporting}
              aria-describedby="export-package-why"
              onClick={() => void exportPackage()}
              data-testid="export-package"
            >
              {exporting ? 'Exporting…' : 'Export package'}
            </button>
            {blocker !== null ? (
              <span
                className="small package-export-blocked"
                id="export-package-why"
                data-testid="export-blocked"
              >
                {blocker}
              </span>
            ) : (
              <span className="muted small" id="export-package-why">
                The package carries the changeset and every signed approval; approvals are counted against
                each target’s policy when it is verified.
              </span>
            )}
          </div>
        </>
      )}
      {exported && (
        <div className="package-exported">
          <p className="info-notice" role="status">
            <span>
              Exported as <strong data-testid="exported-file">{exported.fileName}</strong>: send it to the
              team that runs {exported.report.summary.targetEnvironments.join(', ') || 'the targets'}. If the
              download went astray, save it again.
            </span>
            <button type="button" onClick={saveAgain} data-testid="save-package-again">
              Save again
            </button>
          </p>
          {importReportShown ? (
            // A package is being verified below: its report is the one on the page.
            <p className="muted small" data-testid="export-report-folded">
              {exported.report.ok ? 'Its own checks all passed.' : 'It failed some of its own checks.'} The
              report of the package being verified is below.
            </p>
          ) : (
            <PackageReportView
              report={exported.report}
              title="What was exported"
              testId="export-report"
              context="export"
            />
          )}
        </div>
      )}
      {declined && !exported && (
        <div className="package-exported">
          <p className="info-notice" role="status" data-testid="export-declined">
            Not exported: nothing was saved. Do what each failed check says, then export again.
          </p>
          <PackageReportView
            report={declined.report}
            title="The package that was not exported"
            testId="export-report"
            context="export"
          />
        </div>
      )}
      {held && <ExportConfirmDialog held={held} onExport={exportAnyway} onCancel={keepHeld} />}
    </section>
  );
}
