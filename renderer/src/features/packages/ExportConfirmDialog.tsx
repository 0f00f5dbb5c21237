import { Modal } from '../../components/Modal';
import type { PackageExport } from '../../../../shared/model/package-wire';
import { checkRemedy, orderChecks } from './check-remedy';

/** A package that fails its own checks would be refused where it goes: say so before saving it. */
export function ExportConfirmDialog({
  held,
  onExport,
  onCancel,
}: {
  held: PackageExport;
  onExport: () => void;
  onCancel: () => void;
}) {
  const { failed } = orderChecks(held.report.checks);
  const count = `${failed.length} of its own checks`;
  return (
    <Modal
      title="Export a package that fails its checks?"
      onClose={onCancel}
      testId="export-confirm-dialog"
      footer={
        <>
          <button type="button" onClick={onCancel} data-testid="export-confirm-cancel">
            Don’t export
          </button>
          <button type="button" className="danger" onClick={onExport} data-testid="export-anyway">
            Export anyway
          </button>
        </>
      }
    >
      <p data-testid="export-confirm-summary">
        The package for {held.report.summary.targetEnvironments.join(', ')} fails {count}: whoever verifies it
        will see it refused. Fix these first, or export anyway (for example to show what is missing).
      </p>
      <ul className="package-confirm-checks">
        {failed.map((check, index) => (
          <li key={`${check.check}:${index}`}>
            <code>{check.check}</code>: {check.detail}
            <div className="muted small">{checkRemedy(check, held.report, 'export').text}</div>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
