import './drift.css';
import { useEffect, useMemo } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useCompareStore } from '../compare/compare-store';
import { useDriftBrowser, useDriftStore } from './drift-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { DiffList } from '../compare/DiffList';
import { DiffSummaryBar } from '../compare/DiffSummaryBar';
import { objectId, typeLabel } from '../compare/diff-model';
import { ObjectDiffPanel } from '../compare/ObjectDiffPanel';
import { audioSourcesForSide } from '../compare/audio-change-model';
import { IgnoredObjectsList } from './IgnoredObjectsList';
import { DraftedReverts } from './DraftedReverts';
import { DriftBulkBar } from './DriftBulkBar';
import { provenanceIndex } from './drift-model';
import { DriftRowTag } from './DriftRowTag';
import { TriageActions } from './TriageActions';

const LIST_HEIGHT = 480;
const EDITOR_HEIGHT = 280;

/** One org now against its last snapshot, and per object: accept, revert or ignore. */
export function DriftView() {
  const environments = useCompareStore((state) => state.environments);
  const requested = useNavigationStore((state) => state.driftEnvironment);
  const drift = useDriftStore();
  const { environment, running, error, report, triage, ignoredObjects, selected, toggleSelected } = drift;
  const provenance = useMemo(() => provenanceIndex(report?.provenance ?? []), [report]);
  const opened = useDriftBrowser((state) => state.opened);
  const candidates = environments.filter((view) => view.lastSnapshot !== null);
  const names = candidates.map((view) => view.config.name).join('\n');
  const setEnvironment = drift.setEnvironment;
  const clearDriftRequest = useNavigationStore((state) => state.clearDriftRequest);

  // An environment row's "Drift" button names one; otherwise the first with a baseline.
  useEffect(() => {
    const available = names === '' ? [] : names.split('\n');
    if (requested !== null && available.includes(requested)) {
      setEnvironment(requested);
      clearDriftRequest();
    } else if (environment === null || !available.includes(environment)) {
      if (available[0] !== undefined) setEnvironment(available[0]);
    }
  }, [requested, names, environment, setEnvironment, clearDriftRequest]);

  return (
    <>
      <section className="card compare-bar drift-bar" aria-label="Which environment">
        <label className="drift-picker">
          Environment
          <select
            name="drift-environment"
            value={environment ?? ''}
            onChange={(event) => setEnvironment(event.target.value)}
          >
            {candidates.map((view) => (
              <option key={view.config.name} value={view.config.name}>
                {view.config.label ? `${view.config.label} (${view.config.name})` : view.config.name}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small drift-explain">
          Reads the org live and compares it with its last snapshot: whatever differs was changed outside
          Ferry since.
        </p>
        <button
          type="button"
          className="primary"
          disabled={environment === null || running}
          onClick={() => void drift.run()}
          data-testid="run-drift"
        >
          {running ? 'Checking…' : 'Check drift'}
        </button>
      </section>
      {error && <ErrorBanner message={error} onDismiss={drift.dismissError} />}
      {report && report.environment === environment && (
        <>
          <p className="compare-sides" data-testid="compare-sides">
            <strong>{report.a.label}</strong>
            <span className="muted"> compared with </span>
            <strong>{report.b.label}</strong>
          </p>
          {report.unreadableTypes.length > 0 && (
            <p className="warning-text small">
              Not checked because they could not be read: {report.unreadableTypes.map(typeLabel).join(', ')}.
            </p>
          )}
          <DiffSummaryBar
            summary={report.result.summary}
            store={useDriftBrowser}
            aName="the snapshot"
            bName={`${report.environment} now`}
            showUnchanged={false}
          />
          <div className="diff-panes">
            <section className="card diff-list-pane" aria-label="Drifted objects">
              <DriftBulkBar />
              <DiffList
                store={useDriftBrowser}
                height={LIST_HEIGHT}
                rowTag={(object) => (
                  <DriftRowTag
                    outcome={triage[objectId(object)]}
                    provenance={provenance.get(objectId(object))}
                  />
                )}
                selection={{
                  state: (object) => (selected[objectId(object)] ? 'all' : 'none'),
                  // A triaged object has had its action; ticking it again would do nothing.
                  canPick: (object) => triage[objectId(object)] === undefined,
                  onToggle: toggleSelected,
                }}
              />
            </section>
            <ObjectDiffPanel
              store={useDriftBrowser}
              aName="the snapshot"
              bName={`${report.environment} now`}
              aLabel={report.a.label}
              bLabel={report.b.label}
              editorHeight={EDITOR_HEIGHT}
              actions={opened ? <TriageActions object={opened} /> : undefined}
              placeholder="Pick a drifted object to see what changed and decide what to do about it."
              audioSources={{ a: audioSourcesForSide(report.a), b: audioSourcesForSide(report.b) }}
            />
          </div>
        </>
      )}
      {report && report.environment === environment && <DraftedReverts />}
      {report && report.environment === environment && (
        <IgnoredObjectsList objects={ignoredObjects} onUnignore={(item) => void drift.unignore(item)} />
      )}
    </>
  );
}
