import { useMemo } from 'react';
import { canonicalJsonSchema } from '../../../../shared/changeset/canonical-schema';
import type { JsonObject } from '../../../../shared/model/canonical/json-value';
import { stableStringify } from '../../../../shared/model/canonical/stable-stringify';
import { findObjectType } from '../../../../shared/model/object-types/registry';
import { DiffViewer } from '../../components/DiffViewer';
import { JsonEditor } from '../../components/JsonEditor';
import { JsonViewer } from '../../components/JsonViewer';
import { useChangesetEditor } from '../../stores/changeset-editor-store';
import { singularTypeLabel } from '../compare/diff-model';
import { objectId, operationBefore, operationValue } from './draft-model';
import { ObjectForm } from './forms/ObjectForm';

const schemaCache = new Map<string, Record<string, unknown> | null>();

function schemaFor(type: string): Record<string, unknown> | null {
  if (!schemaCache.has(type)) schemaCache.set(type, findObjectType(type) ? canonicalJsonSchema(type) : null);
  return schemaCache.get(type) ?? null;
}

/** The selected operation: the form and the JSON of the same draft side by side, then before → after. */
export function OperationEditor() {
  const draft = useChangesetEditor((state) => state.draft);
  const selected = useChangesetEditor((state) => state.selected);
  const bases = useChangesetEditor((state) => state.bases);
  const catalogKeys = useChangesetEditor((state) => state.catalog?.keys);
  const target = useChangesetEditor((state) => state.target);
  const jsonProblem = useChangesetEditor((state) => state.jsonProblem);
  const { editObject, editJson } = useChangesetEditor.getState();
  const operations = draft?.operations;
  const operation = selected === null ? undefined : operations?.[selected];

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

  if (!draft || selected === null || !operation) {
    return (
      <section className="card operation-editor">
        <p className="muted">Choose an operation to edit it.</p>
      </section>
    );
  }

  const baseEntry = bases[objectId(operation.type, operation.key)];
  const base = baseEntry ?? undefined;
  const value = operationValue(operation, base);
  const before = operationBefore(operation, base);
  // Plain characters only: the JSON service matches schemas to models by a glob on the URI.
  const modelPath = `${draft.id}/${selected}/${operation.type}/${operation.key}`.replace(
    /[^A-Za-z0-9._/-]/g,
    '_',
  );
  const label = `${singularTypeLabel(operation.type)} “${operation.key}”`;

  return (
    <section className="card operation-editor" data-testid="operation-editor">
      <h2>
        {operation.op === 'create' ? 'Create' : operation.op === 'delete' ? 'Delete' : 'Change'} {label}
      </h2>
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
        <div className="operation-panes">
          <div className="operation-form-pane" data-testid="operation-form">
            <ObjectForm
              type={operation.type}
              value={value}
              catalog={catalog}
              keyLocked={operation.op === 'update'}
              onChange={(next: JsonObject) => editObject(selected, next, 'form')}
            />
          </div>
          <div className="operation-json-pane">
            <h3>JSON</h3>
            <JsonEditor
              modelPath={modelPath}
              text={stableStringify(value)}
              schema={schemaFor(operation.type)}
              height={460}
              onChange={(text) => editJson(selected, text)}
            />
            {jsonProblem && (
              <p className="field-error" data-testid="json-problem">
                {jsonProblem}
              </p>
            )}
          </div>
        </div>
      )}
      <h3>Before → after</h3>
      <DiffViewer
        before={before === undefined ? null : stableStringify(before)}
        after={value === undefined ? null : stableStringify(value)}
        height={300}
      />
    </section>
  );
}
