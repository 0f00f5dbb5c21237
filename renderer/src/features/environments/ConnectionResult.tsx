import { useEnvironmentsStore, type ConnectionTest } from '../../stores/environments-store';

export function ConnectionResult({ name, test }: { name: string; test: ConnectionTest }) {
  const dismiss = useEnvironmentsStore((state) => state.dismissTest);
  const report = test.report;
  const ok = report?.ok === true;
  return (
    <div className={ok ? 'row-notice ok' : 'row-notice failed'} data-testid="connection-result" role="status">
      {report?.ok ? (
        <span>
          <strong>Connected</strong> to{' '}
          <strong data-testid="connection-org">{report.orgName ?? 'an org'}</strong>
          <span className="muted">
            {' '}
            · {report.region}
            {report.latencyMs !== null && ` · ${Math.round(report.latencyMs)} ms`}
          </span>
        </span>
      ) : (
        <span>
          <strong>Connection failed:</strong> {report?.error?.message ?? test.error ?? 'no answer'}
          {report && <span className="muted"> · {report.region}</span>}
        </span>
      )}
      <button type="button" className="link-button" onClick={() => dismiss(name)}>
        Dismiss
      </button>
    </div>
  );
}
