import { displayKey, flowTypeLabel } from '../compare/flow-diff-model';
import { useState, type FormEvent } from 'react';
import { findObjectType, objectTypes } from '../../../../shared/model/object-types/registry';
import type { ChangesetOperation } from '../../../../shared/model/changeset';
import { useChangesetEditor } from './changeset-editor-store';
import { singularTypeLabel } from '../compare/diff-model';
import { addOperationKey, nameSuggestions, pickedScope, scopesOf } from './add-operation-model';
import { isEmptyUpdate } from './draft-model';

const OP_LABEL: Record<ChangesetOperation['op'], string> = {
  create: 'create',
  update: 'change',
  delete: 'delete',
};

function operationDetail(operation: ChangesetOperation): string {
  if (operation.op === 'update') {
    if (isEmptyUpdate(operation)) return 'no change yet';
    return `${operation.changes.length} field${operation.changes.length === 1 ? '' : 's'}`;
  }
  return operation.op === 'create' ? 'new object' : 'removed';
}

/** The operations in document order, with how many findings each has; and adding one by hand. */
export function OperationList() {
  const operations = useChangesetEditor((state) => state.draft?.operations ?? []);
  const selected = useChangesetEditor((state) => state.selected);
  const check = useChangesetEditor((state) => state.check);
  const { select, removeOperation } = useChangesetEditor.getState();
  const findingsOf = (index: number) =>
    check?.findings.filter((finding) => finding.operation === index) ?? [];

  return (
    <section className="card operation-list" aria-label="Operations">
      <h2>Operations ({operations.length})</h2>
      {operations.length === 0 && (
        <p className="muted">No operations yet. Add one below, or pick differences in Compare.</p>
      )}
      <ol data-testid="operation-list">
        {operations.map((operation, index) => {
          const findings = findingsOf(index);
          const errors = findings.filter((finding) => finding.severity === 'error').length;
          return (
            <li
              key={`${operation.type}/${operation.key}`}
              className={index === selected ? 'operation-row selected' : 'operation-row'}
            >
              <button
                type="button"
                className="operation-select"
                onClick={() => void select(index)}
                aria-current={index === selected ? 'true' : undefined}
                data-testid="operation-row"
                data-operation={`${operation.op} ${operation.type}/${operation.key}`}
              >
                <span className={`op-badge op-${operation.op}`}>{OP_LABEL[operation.op]}</span>
                <span className="operation-name">
                  {displayKey(operation.type, operation.key)}
                  <span className="muted small">
                    {' '}
                    {singularTypeLabel(operation.type)} · {operationDetail(operation)}
                  </span>
                </span>
                {findings.length > 0 && (
                  <span
                    className={errors > 0 ? 'badge finding-count error' : 'badge finding-count warn'}
                    title={findings.map((finding) => finding.message).join('\n')}
                  >
                    {findings.length}
                  </span>
                )}
              </button>
              <button
                type="button"
                className="link-button operation-remove"
                aria-label={`Remove the operation on ${displayKey(operation.type, operation.key)}`}
                onClick={() => removeOperation(index)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ol>
      <AddOperationForm />
    </section>
  );
}

function AddOperationForm() {
  const catalog = useChangesetEditor((state) => state.catalog);
  const target = useChangesetEditor((state) => state.target);
  const addOperation = useChangesetEditor((state) => state.addOperation);
  const [op, setOp] = useState<ChangesetOperation['op']>('update');
  const [type, setType] = useState<string>('routing.queue');
  const [chosenScope, setScope] = useState<string | undefined>(undefined);
  const [name, setName] = useState('');
  const scopes = scopesOf(type, catalog);
  const scope = pickedScope(scopes, chosenScope);
  const key = addOperationKey(type, scope, name);
  const existing = nameSuggestions(catalog, type, scope);
  const definition = findObjectType(type);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void addOperation({ op, type, key }).then((added) => {
      if (added) setName('');
    });
  };

  return (
    <form className="add-operation" onSubmit={submit} data-testid="add-operation-form">
      <h3>Add an operation</h3>
      <div className="input-row">
        <select
          value={op}
          onChange={(event) => setOp(event.target.value as ChangesetOperation['op'])}
          aria-label="Kind"
        >
          <option value="update">Change an object</option>
          <option value="create">Create an object</option>
          <option value="delete">Delete an object</option>
        </select>
        <select value={type} onChange={(event) => setType(event.target.value)} aria-label="Type">
          {objectTypes.map((item) => (
            <option key={item.id} value={item.id}>
              {item.label}
            </option>
          ))}
        </select>
        {scope !== undefined && (
          <select
            value={scope}
            onChange={(event) => setScope(event.target.value)}
            aria-label={`${definition?.label ?? 'Object'} type`}
            data-testid="add-operation-scope"
          >
            {scopes.map((item) => (
              <option key={item} value={item}>
                {flowTypeLabel(item)}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="input-row">
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          list={op === 'create' ? undefined : 'add-operation-keys'}
          placeholder={op === 'create' ? 'Name of the new object' : `Name in ${target ?? 'the target'}`}
          aria-label="Name"
          data-testid="add-operation-key"
        />
        <datalist id="add-operation-keys">
          {existing.map((item) => (
            <option key={item} value={item} />
          ))}
        </datalist>
        <button type="submit" disabled={key === ''} data-testid="add-operation">
          Add
        </button>
      </div>
    </form>
  );
}
