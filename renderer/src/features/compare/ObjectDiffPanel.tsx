import type { ReactNode } from 'react';
import type { FieldChange } from '../../../../shared/diff/diff-types';
import { DiffViewer } from '../../components/DiffViewer';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { DiffBrowserStore } from '../../stores/diff-browser-store';
import { singularTypeLabel, statusMeaning, type ObjectDiffWire } from './diff-model';
import { FieldChangeList, type FieldPicking } from './FieldChangeList';
import { StatusBadge } from './StatusBadge';

interface ObjectDiffPanelProps {
  store: DiffBrowserStore;
  /** Short names of the sides for sentences ("dev"), and full labels over the editor. */
  aName: string;
  bName: string;
  aLabel: string;
  bLabel: string;
  editorHeight: number;
  actions?: ReactNode;
  onIgnoreField?: (type: string, change: FieldChange) => void;
  placeholder: string;
  /** Ticks per field change for the opened object (Compare's picks); undefined where none apply. */
  fieldPicking?: (object: ObjectDiffWire) => FieldPicking | undefined;
}

/** The opened object: Monaco's side-by-side diff of both canonical texts and its changes in words. */
export function ObjectDiffPanel(props: ObjectDiffPanelProps) {
  const {
    store,
    aName,
    bName,
    aLabel,
    bLabel,
    editorHeight,
    actions,
    onIgnoreField,
    placeholder,
    fieldPicking,
  } = props;
  const opened = store((state) => state.opened);
  const sides = store((state) => state.sides);
  const sidesLoading = store((state) => state.sidesLoading);
  const sidesError = store((state) => state.sidesError);
  const notice = store((state) => state.notice);
  const { reveal, dismissNotice } = store.getState();

  if (!opened) {
    return (
      <section className="card diff-object" aria-label="Selected object" data-testid="diff-object-panel">
        <p className="muted browser-placeholder">{placeholder}</p>
      </section>
    );
  }
  const picking = fieldPicking?.(opened);
  return (
    <section className="card diff-object" aria-label="Selected object" data-testid="diff-object-panel">
      <header className="diff-object-header">
        <div className="diff-object-title">
          <h2 title={opened.key} data-testid="diff-object-title">
            {opened.key}
          </h2>
          <StatusBadge status={opened.status} title={statusMeaning(opened.status, aName, bName)} />
          <span className="muted small">
            {singularTypeLabel(opened.type)}
            {opened.previousKey !== undefined && <> · was “{opened.previousKey}”</>}
          </span>
        </div>
      </header>
      {actions && <div className="diff-object-actions">{actions}</div>}
      {sidesError && <ErrorBanner message={sidesError} />}
      <div className="diff-side-labels" aria-hidden="true">
        <span title={aLabel}>{aLabel}</span>
        <span title={bLabel}>{bLabel}</span>
      </div>
      {sides ? (
        <DiffViewer before={sides.before} after={sides.after} height={editorHeight} />
      ) : (
        <div className="diff-loading muted" style={{ height: editorHeight }}>
          {sidesLoading ? 'Reading both sides…' : ''}
        </div>
      )}
      {notice && (
        <div className="info-notice" role="status" data-testid="reference-notice">
          <span>{notice}</span>
          <button type="button" className="link-button" onClick={dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      <FieldChangeList
        object={opened}
        aName={aName}
        bName={bName}
        onReference={reveal}
        {...(onIgnoreField ? { onIgnore: (change: FieldChange) => onIgnoreField(opened.type, change) } : {})}
        {...(picking ? { picking } : {})}
      />
    </section>
  );
}
