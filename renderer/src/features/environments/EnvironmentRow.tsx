import { useState } from 'react';
import type { EnvironmentView } from '../../../../shared/model/environment';
import { useEnvironmentEditorStore } from './environment-editor-store';
import { useEnvironmentsStore } from '../../stores/environments-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { isFinished, useSnapshotJobsStore } from './snapshot-jobs-store';
import { ConnectionResult } from './ConnectionResult';
import { describeKind } from './environment-format';
import { LastSnapshot } from './LastSnapshot';
import { RemoveEnvironmentDialog } from './RemoveEnvironmentDialog';
import { SnapshotJobPanel } from './SnapshotJobPanel';
import { TierBadge } from './TierBadge';

export function EnvironmentRow({ view }: { view: EnvironmentView }) {
  const { config, hasCredentials, lastSnapshot } = view;
  const name = config.name;
  const connection = useEnvironmentsStore((state) => state.connections[name]);
  const test = useEnvironmentsStore((state) => state.test);
  const job = useSnapshotJobsStore((state) => state.jobs[name]);
  const startSnapshot = useSnapshotJobsStore((state) => state.start);
  const openEdit = useEnvironmentEditorStore((state) => state.openEdit);
  const browseSnapshot = useNavigationStore((state) => state.browseSnapshot);
  const openDrift = useNavigationStore((state) => state.openDrift);
  const openParameters = useNavigationStore((state) => state.openParameters);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const snapshotRunning = job !== undefined && !isFinished(job);
  const { kind, where } = describeKind(config);

  return (
    <li className={`environment-row tier-${config.tier}`} data-testid={`environment-${name}`}>
      <div className="environment-head">
        <div className="environment-title">
          <TierBadge tier={config.tier} />
          <strong className="environment-label">{config.label ?? name}</strong>
          <code className="environment-name">{name}</code>
        </div>
        <div className="environment-actions">
          <button
            type="button"
            onClick={() => void test(name)}
            disabled={connection?.testing}
            data-testid="test-connection"
          >
            {connection?.testing ? 'Testing…' : 'Test connection'}
          </button>
          <button
            type="button"
            onClick={() => void startSnapshot(name)}
            disabled={snapshotRunning}
            data-testid="take-snapshot"
          >
            Snapshot
          </button>
          <button
            type="button"
            onClick={() => browseSnapshot(name)}
            disabled={lastSnapshot === null}
            title={lastSnapshot === null ? 'Take a snapshot first' : 'Browse the latest snapshot'}
            data-testid="browse-snapshot"
          >
            Browse
          </button>
          <button
            type="button"
            onClick={() => openDrift(name)}
            disabled={lastSnapshot === null}
            title={
              lastSnapshot === null
                ? 'Take a snapshot first: drift is measured against it'
                : 'What changed in the org since the last snapshot'
            }
            data-testid="check-drift"
          >
            Drift
          </button>
          <button
            type="button"
            onClick={() => openParameters(name)}
            title="Values and object names that differ in this environment"
            data-testid="open-parameters"
          >
            Parameters
          </button>
          <button type="button" onClick={() => openEdit(view)} data-testid="edit-environment">
            Edit
          </button>
          <button
            type="button"
            className="danger-outline"
            onClick={() => setConfirmingRemove(true)}
            disabled={snapshotRunning}
            data-testid="remove-environment"
          >
            Remove
          </button>
        </div>
      </div>
      <dl className="environment-facts">
        <div>
          <dt>Connection</dt>
          <dd data-testid="environment-kind">
            {kind}
            <span className="muted"> · {where}</span>
          </dd>
          <dd className="muted small client-id" title={`OAuth client id ${config.clientId ?? 'demo client'}`}>
            client <code>{config.clientId ?? 'demo client'}</code>
          </dd>
        </div>
        <div>
          <dt>Client secret</dt>
          <dd data-testid="credentials-state">
            {hasCredentials ? (
              <span className="status ok">Stored</span>
            ) : (
              <span className="status warn">Not stored</span>
            )}
          </dd>
        </div>
        <div className="environment-snapshot">
          <dt>Last snapshot</dt>
          <LastSnapshot summary={lastSnapshot} />
        </div>
      </dl>
      {connection && !connection.testing && <ConnectionResult name={name} test={connection} />}
      {job && <SnapshotJobPanel job={job} />}
      {confirmingRemove && <RemoveEnvironmentDialog view={view} onClose={() => setConfirmingRemove(false)} />}
    </li>
  );
}
