import { useCallback, useMemo, type KeyboardEvent } from 'react';
import { canonicalJsonSchema } from '../../../../shared/changeset/canonical-schema';
import { diffObjects } from '../../../../shared/diff/diff-objects';
import type { JsonObject } from '../../../../shared/model/canonical/json-value';
import { stableStringify } from '../../../../shared/model/canonical/stable-stringify';
import { findObjectType } from '../../../../shared/model/object-types/registry';
import { DiffViewer } from '../../components/DiffViewer';
import { JsonEditor } from '../../components/JsonEditor';
import { JsonViewer } from '../../components/JsonViewer';
import { useChangesetEditor, type OperationView } from './changeset-editor-store';
import { singularTypeLabel } from '../compare/diff-model';
import { displayKey } from '../compare/flow-diff-model';
import { changedFieldMatcher } from './changed-fields';
import { diffRemountKey } from './diff-remount-key';
import { keptEdit, objectId, operationBefore, operationValue } from './draft-model';
import { JSON_FIELD } from './field-problems';
import { FieldStateContext, type FieldState } from './forms/field-state';
import { ObjectForm } from './forms/ObjectForm';

const schemaCache = new Map<string, Record<string, unknown> | null>();

function schemaFor(type: string): Record<string, unknown> | null {
  if (!schemaCache.has(type)) schemaCache.set(type, findObjectType(type) ? canonicalJsonSchema(type) : null);
  return schemaCache.get(type) ?? null;
}

const VIEWS: readonly { view: OperationView; label: string }[] = [
  { view: 'form', label: 'Form' },
  { view: 'json', label: 'JSON' },
  { view: 'diff', label: 'Before → after' },
];

/**
 * The selected operation as a form, as JSON, or as before → after: one view at a time, each with
 * the editor's full width, all editing the same draft.
 */
export function OperationEditor() {
  const draft = useChangesetEditor((state) => state.draft);
  const selected = useChangesetEditor((state) => state.selected);
  const bases = useChangesetEditor((state) => state.bases);
  const catalogKeys = useChangesetEditor((state) => state.catalog?.keys);
  const target = useChangesetEditor((state) => state.target);
  const view = useChangesetEditor((state) => state.view);
  const fieldProblems = useChangesetEditor((state) => state.fieldProblems);
  const formGeneration = useChangesetEditor((state) => state.formGeneration);
  const { editObject, editJson, setView } = useChangesetEditor.getState();
  const operations = draft?.operations;
  const operation = selected === null ? undefined : operations?.[selected];
  const object = operation ? objectId(operation.type, operation.key) : null;

  const catalog = useMemo(() => {
    const created = new Map<string, Set<string>>();
    const deleted = new Set<string>();
    for (const item of operations ?? []) {
      if (item.op === 'create') created.set(item.type, (created.get(item.type) ?? new Set()).add(item.key));
      if (item.op === 'delete') deleted.add(objectId(item.type, item.key));
    }
    return (type: string): readonly string[] =>
      [...new Set([...(catalogKeys?.[type] ?? []), ...(created.get(type) ?? [])])]
        .filter((key) => !deleted.has(objectId(type, key)))
        .sort();
  }, [operations, catalogKeys]);

  const baseEntry = operation ? bases[objectId(operation.type, operation.key)] : undefined;
  const base = baseEntry ?? undefined;
  const value = operation ? operationValue(operation, base) : undefined;
  const before = operation ? operationBefore(operation, base) : undefined;

  // An update's fields that differ from the target are marked in the form; a create is new throughout.
  const changedPaths = useMemo(
    () =>
      operation?.op === 'update' && before !== undefined && value !== undefined
        ? diffObjects(operation.type, before, value).changes.map((change) => change.path)
        : [],
    [operation, before, value],
  );
  const report = useCallback(
    (field: string, problem: Parameters<FieldState['report']>[1]) => {
      if (object !== null) useChangesetEditor.getState().reportField(object, field, problem);
    },
    [object],
  );
  const fieldState = useMemo<FieldState>(
    () => ({
      // Read when a field mounts, from the store as it is then.
      pendingText: (field) =>
        useChangesetEditor
          .getState()
          .fieldProblems.find((problem) => problem.object === object && problem.field === field)?.text,
      report,
      isChanged: changedFieldMatcher(changedPaths),
    }),
    [changedPaths, object, report],
  );

  if (!draft || selected === null || !operation || object === null) {
    return (
      <section className="card operation-editor">
        <p className="muted">Choose an operation to edit it.</p>
      </section>
    );
  }

  // Plain characters only: the JSON service matches schemas to models by a glob on the URI.
  const modelPath = `${draft.id}/${selected}/${operation.type}/${operation.key}`.replace(
    /[^A-Za-z0-9._/-]/g,
    '_',
  );
  const label = `${singularTypeLabel(operation.type)} “${displayKey(operation.type, operation.key)}”`;
  const jsonProblem = fieldProblems.find(
    (problem) => problem.object === object && problem.field === JSON_FIELD,
  );
  const editable = operation.op !== 'delete' && value !== undefined;
  const shownView: OperationView = editable ? view : 'diff';

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const at = VIEWS.findIndex((item) => item.view === shownView);
    const next = VIEWS[(at + (event.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length];
    if (!next) return;
    event.preventDefault();
    setView(next.view);
    document.getElementById(`operation-view-tab-${next.view}`)?.focus();
  };

  return (
    <section
      className="card operation-editor readable-diff"
      data-testid="operation-editor"
      aria-labelledby="operation-heading"
    >
      <header className="operation-editor-head">
        <h2 id="operation-heading">
          {operation.op === 'create' ? 'Create' : operation.op === 'delete' ? 'Delete' : 'Change'} {label}
        </h2>
        {editable && (
          <div className="operation-views" role="tablist" aria-label="Show the operation as">
            {VIEWS.map((item) => (
              <button
                key={item.view}
                id={`operation-view-tab-${item.view}`}
                type="button"
                role="tab"
                aria-selected={shownView === item.view}
                aria-controls="operation-view-panel"
                tabIndex={shownView === item.view ? 0 : -1}
                className={shownView === item.view ? 'tab active' : 'tab'}
                onClick={() => setView(item.view)}
                onKeyDown={onTabKey}
                data-testid={`operation-view-${item.view}`}
              >
                {item.label}
                {item.view === 'json' && jsonProblem && <span className="tab-problem"> (not valid)</span>}
              </button>
            ))}
          </div>
        )}
      </header>
      {operation.op === 'update' && value === undefined && (
        <p className="info-notice warn" data-testid="operation-needs-target">
          {target === null
            ? 'Choose a target environment to edit this change: its fields are changes to the object there.'
            : baseEntry === null
              ? `${target}'s latest snapshot has no ${label}; pick a target that has it to edit the change.`
              : 'Reading the object from the target…'}
        </p>
      )}
      {operation.op === 'delete' ? (
        <>
          <p className="muted">
            Deleting removes this object from the target. Its content before, kept to undo it:
          </p>
          <JsonViewer text={stableStringify(operation.before)} height={260} />
        </>
      ) : value === undefined ? (
        operation.op === 'update' && (
          <JsonViewer text={JSON.stringify(operation.changes, null, 2)} height={220} />
        )
      ) : (
        <div
          id="operation-view-panel"
          role="tabpanel"
          aria-labelledby={`operation-view-tab-${shownView}`}
          className="operation-view-panel"
        >
          {shownView === 'form' && (
            <div className="operation-form-pane" data-testid="operation-form">
              {operation.op === 'update' && (
                <p className="muted small" data-testid="changed-legend">
                  {changedPaths.length === 0
                    ? `No field differs from ${target ?? 'the target'} yet.`
                    : `Fields this change sets differently from ${target ?? 'the target'} are marked.`}
                </p>
              )}
              <FieldStateContext.Provider value={fieldState}>
                <ObjectForm
                  key={`${object}#${formGeneration}`}
                  type={operation.type}
                  // An edit the draft could not take is what the form shows until it is fixed or undone.
                  value={keptEdit(jsonProblem?.text) ?? value}
                  catalog={catalog}
                  keyLocked={operation.op === 'update'}
                  onChange={(next: JsonObject) => editObject(selected, next, 'form')}
                />
              </FieldStateContext.Provider>
            </div>
          )}
          {shownView === 'json' && (
            <div className="operation-json-pane">
              <JsonEditor
                modelPath={modelPath}
                text={jsonProblem?.text ?? stableStringify(value)}
                schema={schemaFor(operation.type)}
                height={520}
                onChange={(text) => editJson(selected, text)}
              />
              {jsonProblem && (
                <p className="field-error" data-testid="json-problem">
                  {jsonProblem.message}
                </p>
              )}
            </div>
          )}
          {shownView === 'diff' && (
            <DiffViewer
              key={diffRemountKey(
                object,
                before === undefined ? null : stableStringify(before),
                stableStringify(value),
              )}
              before={before === undefined ? null : stableStringify(before)}
              after={stableStringify(value)}
              height={520}
            />
          )}
        </div>
      )}
      {operation.op === 'delete' && (
        <>
          <h3>Before → after</h3>
          <DiffViewer
            key={object}
            before={before === undefined ? null : stableStringify(before)}
            after={null}
            height={300}
          />
        </>
      )}
    </section>
  );
}
