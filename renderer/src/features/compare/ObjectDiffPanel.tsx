import type { ReactNode } from 'react';
import type { FieldChange } from '../../../../shared/diff/diff-types';
import { DiffViewer } from '../../components/DiffViewer';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { DiffBrowserStore } from './diff-browser-store';
import { differenceWords, singularTypeLabel, type ObjectDiffWire, type StatusWords } from './diff-model';
import { FieldChangeList, type FieldPicking } from './FieldChangeList';
import type { FieldChangeWire } from './diff-model';
import { StatusBadge } from './StatusBadge';
import type { AudioSides } from './AudioChangeItem';
import { parseSide } from './audio-change-model';
import { displayKey, flowDiffView } from './flow-diff-model';
import { FlowDiffSection } from './FlowDiffSection';
import { configurationShownAbove } from './shown-above';

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
  /** How statuses read; plain differences between a and b unless the page says otherwise. */
  words?: StatusWords;
  /**
   * The side drawn on the left of the editor. Compare draws its source (b) there, as deployment
   * tools do; Drift keeps the snapshot (a) on the left.
   */
  leftSide?: 'a' | 'b';
  /** Per-environment values (Compare of two environments): "Make this a parameter" and its marks. */
  parameters?: {
    canMake: (change: FieldChangeWire) => boolean;
    onMake: (object: ObjectDiffWire, change: FieldChangeWire) => void;
    parameterOf: (object: ObjectDiffWire, change: FieldChangeWire) => string | undefined;
    onFlagEnvironment: (object: ObjectDiffWire, change: FieldChange) => void;
    canFlagEnvironment: (object: ObjectDiffWire, change: FieldChange) => boolean;
  };
  /** Where each side's prompt audio is read from, for the players of an audio change. */
  audioSources?: AudioSides;
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
    words,
    leftSide = 'a',
    parameters,
    audioSources,
  } = props;
  const wording = words ?? differenceWords(aName, bName);
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
  const title = displayKey(opened.type, opened.key);
  // A flow reads as its configuration's YAML, not as JSON holding it as one escaped string.
  const flow = sides ? flowDiffView(opened.type, sides, aName, bName) : undefined;
  const leftLabel = leftSide === 'b' ? bLabel : aLabel;
  const rightLabel = leftSide === 'b' ? aLabel : bLabel;
  return (
    <section className="card diff-object" aria-label="Selected object" data-testid="diff-object-panel">
      <header className="diff-object-header">
        <div className="diff-object-title">
          <h2 title={opened.key} data-testid="diff-object-title">
            {title}
          </h2>
          <StatusBadge
            status={opened.status}
            title={wording.meaning(opened.status)}
            text={wording.label(opened.status)}
          />
          <span className="muted small">
            {singularTypeLabel(opened.type)}
            {opened.previousKey !== undefined && <> · was “{opened.previousKey}”</>}
          </span>
        </div>
      </header>
      {actions && <div className="diff-object-actions">{actions}</div>}
      {sidesError && <ErrorBanner message={sidesError} />}
      {flow ? (
        <FlowDiffSection
          view={flow}
          aName={aName}
          bName={bName}
          leftLabel={leftLabel}
          rightLabel={rightLabel}
          leftSide={leftSide}
          title={title}
          height={editorHeight}
        />
      ) : (
        <div className={leftSide === 'b' ? 'diff-sides-b-left' : 'diff-sides-a-left'}>
          <div className="diff-side-labels" aria-hidden="true" data-testid="diff-side-labels">
            <span title={leftSide === 'b' ? bLabel : aLabel}>{leftSide === 'b' ? bLabel : aLabel}</span>
            <span title={leftSide === 'b' ? aLabel : bLabel}>{leftSide === 'b' ? aLabel : bLabel}</span>
          </div>
          {sides ? (
            <DiffViewer
              before={leftSide === 'b' ? sides.after : sides.before}
              after={leftSide === 'b' ? sides.before : sides.after}
              beforeLabel={`${opened.key} in ${leftSide === 'b' ? bLabel : aLabel}`}
              afterLabel={`${opened.key} in ${leftSide === 'b' ? aLabel : bLabel}`}
              height={editorHeight}
            />
          ) : (
            <div className="diff-loading muted" style={{ height: editorHeight }}>
              {sidesLoading ? 'Reading both sides…' : ''}
            </div>
          )}
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
        {...(sides && opened.changes.some((change) => change.path.startsWith('resources'))
          ? { sides: { before: parseSide(sides.before), after: parseSide(sides.after) } }
          : {})}
        {...(audioSources ? { audioSources } : {})}
        leftSide={leftSide}
        {...(flow ? { shownAbove: configurationShownAbove(opened.type) } : {})}
        {...(onIgnoreField ? { onIgnore: (change: FieldChange) => onIgnoreField(opened.type, change) } : {})}
        {...(picking ? { picking } : {})}
        {...(words ? { words } : {})}
        {...(parameters
          ? {
              canMakeParameter: parameters.canMake,
              onMakeParameter: (change: FieldChangeWire) => parameters.onMake(opened, change),
              parameterOf: (change: FieldChangeWire) => parameters.parameterOf(opened, change),
              onFlagEnvironment: (change: FieldChange) => parameters.onFlagEnvironment(opened, change),
              canFlagEnvironment: (change: FieldChange) => parameters.canFlagEnvironment(opened, change),
            }
          : {})}
      />
    </section>
  );
}
