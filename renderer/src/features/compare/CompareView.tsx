import { displayKey } from './flow-diff-model';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FieldChange } from '../../../../shared/diff/diff-types';
import { ErrorBanner } from '../../components/ErrorBanner';
import {
  canPickFields,
  canPickObject,
  changeKey,
  picksAllowed,
  useComparePicksStore,
} from './compare-picks-store';
import { useCompareBrowser, useCompareStore } from './compare-store';
import { AddToChangesetDialog } from './AddToChangesetDialog';
import { CHANGE_KEYS_HINT, changeStep, stepIndex } from './change-keys';
import { DiffList, type DiffListSelection } from './DiffList';
import { DiffSummaryBar } from './DiffSummaryBar';
import { asFieldChange, deploymentWords, objectId, typeLabel, type ObjectDiffWire } from './diff-model';
import type { FieldPicking } from './FieldChangeList';
import { HiddenByIgnoreBar } from './HiddenByIgnoreBar';
import { liveProgressText } from './live-progress';
import { IgnoreFieldDialog } from './IgnoreFieldDialog';
import { IgnoreRulesPanel } from './IgnoreRulesPanel';
import { EnvironmentFieldsPanel } from './EnvironmentFieldsPanel';
import { MakeParameterDialog } from './MakeParameterDialog';
import { useMakeParameterStore } from './make-parameter-store';
import { canMakeParameter, parameterFieldId } from './parameter-fields-model';
import { ResolutionNote } from './ResolutionNote';
import { environmentPathsFor } from '../../../../shared/diff/environment-fields';
import { ObjectDiffPanel } from './ObjectDiffPanel';
import { audioSourcesForSide } from './audio-change-model';
import { PicksBar } from './PicksBar';
import { shortSource, sideName } from './source-names';
import { SourcePicker } from './SourcePicker';

const LIST_HEIGHT = 520;
const EDITOR_HEIGHT = 300;

/** Where j/k and F7 mean typing or the editor's own "next difference", they are left alone. */
function keepsKeys(element: Element): boolean {
  return (
    element.closest(
      'input:not([type="checkbox"], [type="radio"]), textarea, select, [contenteditable="true"], .monaco-editor, [role="dialog"]',
    ) !== null
  );
}

/** j/k and F7 inside the opened object walk its field changes; focus moves, so a reader follows. */
function stepField(panel: Element, from: Element, step: 1 | -1): boolean {
  const items = [...panel.querySelectorAll<HTMLElement>('[data-testid="field-change"]')];
  const current = items.findIndex((item) => item.contains(from));
  const next = items[stepIndex(items.length, current, step)];
  if (!next) return false;
  next.focus();
  return true;
}

export function CompareView() {
  const state = useCompareStore();
  const {
    environments,
    histories,
    a,
    b,
    includeUnchanged,
    running,
    liveProgress,
    error,
    outcome,
    ignoreRules,
    ran,
    ranSides,
    hiddenByIgnore,
    showIgnored,
    lastIgnored,
    resolve,
    ranResolved,
  } = state;
  const [ignoring, setIgnoring] = useState<{ type: string; change: FieldChange } | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  // Where focus goes once an ignore or its undo has settled (the page re-renders in between).
  const focusAfterIgnore = useRef<'undo' | 'results' | null>(null);
  // The service's side a is the target and b the source: sentences name them that way round.
  const targetName = outcome ? shortSource(outcome.a.source) : '';
  const sourceName = outcome ? shortSource(outcome.b.source) : '';
  const words = ranSides ? deploymentWords(sideName(ranSides.b), sideName(ranSides.a)) : undefined;
  const opened = useCompareBrowser((browser) => browser.opened);
  const pickedObjects = useComparePicksStore((picks) => picks.objects);
  const pickedFields = useComparePicksStore((picks) => picks.fields);
  const dialogOpen = useComparePicksStore((picks) => picks.phase !== 'idle');
  const madeParameters = useComparePicksStore((picks) => picks.madeParameters);
  const { toggleObject, toggleField } = useComparePicksStore.getState();
  // A resolved compare shows the target in the source's names: picks would carry those names.
  const allowed = picksAllowed(ran) && !ranResolved;
  const makingParameter = useMakeParameterStore((maker) => maker.draft !== null);
  const madeParameter = useMakeParameterStore((maker) => maker.made);
  // Each side its own environment: only then has a field a value per environment.
  const environmentPair =
    ranSides &&
    ranSides.a.changeset === undefined &&
    ranSides.b.changeset === undefined &&
    ranSides.a.environment !== ranSides.b.environment
      ? { source: ranSides.b.environment, target: ranSides.a.environment }
      : null;
  const parameters = environmentPair
    ? {
        canMake: (change: Parameters<typeof canMakeParameter>[0]) => !ranResolved && canMakeParameter(change),
        onMake: (object: ObjectDiffWire, change: Parameters<typeof canMakeParameter>[0]) =>
          useMakeParameterStore.getState().open(object, change, environmentPair),
        parameterOf: (object: ObjectDiffWire, change: Parameters<typeof canMakeParameter>[0]) =>
          madeParameters[parameterFieldId({ ...object, path: change.path })]?.name,
        canFlagEnvironment: (object: ObjectDiffWire, change: FieldChange) =>
          environmentPathsFor(object.type, change, object.changes.map(asFieldChange)).length > 0,
        onFlagEnvironment: (object: ObjectDiffWire, change: FieldChange) =>
          void state.flagEnvironmentFields(
            object.type,
            environmentPathsFor(object.type, change, object.changes.map(asFieldChange)),
          ),
      }
    : undefined;

  // After the ignore dialog closes its opener is gone with the object: focus goes to Undo instead.
  useEffect(() => {
    const pending = focusAfterIgnore.current;
    if (pending === null || ignoring !== null || running) return;
    focusAfterIgnore.current = null;
    (pending === 'undo' ? (undoRef.current ?? resultsHeading.current) : resultsHeading.current)?.focus();
  }, [ignoring, running]);

  const selection: DiffListSelection | undefined = allowed
    ? {
        state: (object) => {
          const id = objectId(object);
          return pickedObjects[id] ? 'all' : pickedFields[id] ? 'some' : 'none';
        },
        canPick: canPickObject,
        onToggle: toggleObject,
      }
    : undefined;
  const fieldPicking = (object: ObjectDiffWire): FieldPicking | undefined => {
    if (!allowed || !canPickFields(object)) return undefined;
    const id = objectId(object);
    return {
      isPicked: (change) => pickedFields[id]?.changes[changeKey(change)] !== undefined,
      onToggle: (change) => toggleField(object, change),
      wholeObject: pickedObjects[id] !== undefined,
    };
  };

  const onResultsKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = changeStep(event);
    if (step === null || !(event.target instanceof Element) || keepsKeys(event.target)) return;
    const panel = event.target.closest('[data-testid="diff-object-panel"]');
    const moved = panel
      ? stepField(panel, event.target, step)
      : useCompareBrowser.getState().stepChange(step);
    if (moved) event.preventDefault();
  };

  // A disabled button drops focus to <body>: while comparing the button only says so and ignores clicks.
  const canRun = a !== null && b !== null;
  const runCompare = () => {
    if (canRun && !running) void state.run();
  };

  return (
    <>
      <section className="card compare-bar" aria-label="Source → Target">
        <SourcePicker
          label="Source"
          name="b"
          side={b}
          environments={environments}
          history={b ? histories[b.environment] : undefined}
          onChange={(side) => state.setSide('b', side)}
        />
        <span className="compare-arrow" aria-hidden="true">
          →
        </span>
        <SourcePicker
          label="Target"
          name="a"
          side={a}
          environments={environments}
          history={a ? histories[a.environment] : undefined}
          onChange={(side) => state.setSide('a', side)}
        />
        <button
          type="button"
          className="swap-button"
          onClick={state.swap}
          title="Swap source and target"
          data-testid="swap-sides"
        >
          <span aria-hidden="true">⇄ </span>Swap
        </button>
        <div className="compare-run">
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={includeUnchanged}
              onChange={(event) => state.setIncludeUnchanged(event.target.checked)}
              data-testid="include-unchanged"
            />
            List unchanged objects too
          </label>
          <label
            className="checkbox-label"
            title="Compare each environment with its own parameters and name mappings applied, so values that differ only as intended show no difference"
          >
            <input
              type="checkbox"
              checked={resolve}
              onChange={(event) => state.setResolve(event.target.checked)}
              data-testid="resolve-parameters"
            />
            Resolve parameters and mappings
          </label>
          <button
            type="button"
            className="primary"
            disabled={!canRun}
            aria-disabled={running || undefined}
            onClick={runCompare}
            data-testid="run-compare"
          >
            {running ? 'Comparing…' : 'Compare'}
          </button>
        </div>
        {a && b && (
          <p className="compare-direction" data-testid="compare-direction">
            {b.changeset === undefined ? (
              <>
                A changeset from this compare makes <strong>{sideName(a)}</strong> like{' '}
                <strong>{sideName(b)}</strong>.
              </>
            ) : (
              <>
                What changeset <strong>{b.changeset}</strong> would do to <strong>{sideName(a)}</strong>:
                nothing is deployed.
              </>
            )}
          </p>
        )}
      </section>
      {error && <ErrorBanner message={error} onDismiss={state.dismissError} />}
      {running && liveProgressText(liveProgress) !== null && (
        <p className="muted" role="status" data-testid="compare-live-progress">
          {liveProgressText(liveProgress)}
        </p>
      )}
      {!outcome && !running && (
        <p className="muted compare-hint">
          Pick a source and a target and press Compare. “Live” reads the org now instead of a stored snapshot.
        </p>
      )}
      {outcome && (
        // j/k and F7 reach here from the list, the summary and the opened object.
        <div className="compare-results" onKeyDown={onResultsKey}>
          <h2 className="compare-sides" tabIndex={-1} ref={resultsHeading} data-testid="compare-sides">
            <span className="compare-side-tag">Source</span> {outcome.b.label}{' '}
            <span aria-hidden="true">→</span>
            <span className="compare-sr-only"> to </span> <span className="compare-side-tag">Target</span>{' '}
            {outcome.a.label}
            {running && <span className="muted compare-updating"> · updating…</span>}
          </h2>
          {outcome.unreadableTypes.length > 0 && (
            <p className="warning-text small">
              Left out because one side could not read them:{' '}
              {outcome.unreadableTypes.map(typeLabel).join(', ')}.
            </p>
          )}
          <DiffSummaryBar
            summary={outcome.result.summary}
            store={useCompareBrowser}
            aName={targetName}
            bName={sourceName}
            showUnchanged={includeUnchanged || showIgnored}
            environmentSpecific={outcome.environmentSpecific}
            {...(words ? { words } : {})}
          />
          {outcome.resolution && <ResolutionNote resolution={outcome.resolution} />}
          <p className="compare-sr-only" role="status" data-testid="made-parameter-status">
            {madeParameter ? `Parameter ${madeParameter} set for both environments` : ''}
          </p>
          <HiddenByIgnoreBar
            hidden={hiddenByIgnore}
            showing={showIgnored}
            lastIgnored={lastIgnored}
            busy={running}
            onToggle={() => state.setShowIgnored(!showIgnored)}
            onUndo={() => {
              focusAfterIgnore.current = 'results';
              void state.undoLastIgnore();
            }}
            undoRef={undoRef}
          />
          {/* j/k move the selection while focus stays in the list: say which object opened. */}
          <p className="compare-sr-only" role="status" data-testid="opened-announcement">
            {opened && words ? `${displayKey(opened.type, opened.key)}: ${words.label(opened.status)}` : ''}
          </p>
          <PicksBar store={useCompareBrowser} aName={targetName} bName={sourceName} />
          <div className="diff-panes">
            <section className="card diff-list-pane" aria-label="Differences">
              <DiffList
                store={useCompareBrowser}
                height={LIST_HEIGHT}
                extraHint={CHANGE_KEYS_HINT}
                {...(words ? { words } : {})}
                {...(selection ? { selection } : {})}
              />
            </section>
            <ObjectDiffPanel
              store={useCompareBrowser}
              aName={targetName}
              bName={sourceName}
              aLabel={`Target: ${outcome.a.label}`}
              bLabel={`Source: ${outcome.b.label}`}
              leftSide="b"
              editorHeight={EDITOR_HEIGHT}
              onIgnoreField={(type, change) => setIgnoring({ type, change })}
              placeholder="Pick a difference on the left to see both sides of it, field by field."
              fieldPicking={fieldPicking}
              {...(words ? { words } : {})}
              {...(parameters ? { parameters } : {})}
              audioSources={{ a: audioSourcesForSide(outcome.a), b: audioSourcesForSide(outcome.b) }}
            />
          </div>
        </div>
      )}
      <IgnoreRulesPanel
        rules={ignoreRules}
        busy={running}
        onRemove={(rule) => void state.removeIgnoreRule(rule)}
      />
      <EnvironmentFieldsPanel
        fields={state.environmentFields}
        busy={running}
        onRemove={(field) => void state.unflagEnvironmentField(field.type, field.path)}
      />
      {makingParameter && <MakeParameterDialog />}
      {outcome && dialogOpen && <AddToChangesetDialog aLabel={outcome.a.label} bLabel={outcome.b.label} />}
      {ignoring && (
        <IgnoreFieldDialog
          type={ignoring.type}
          change={ignoring.change}
          busy={running}
          onSave={async (rule) => {
            const saved = await state.addIgnoreRule(rule);
            if (saved) focusAfterIgnore.current = 'undo';
            return saved;
          }}
          onClose={() => setIgnoring(null)}
        />
      )}
    </>
  );
}
