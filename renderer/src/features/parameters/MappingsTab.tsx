import { useId, useState, type FormEvent } from 'react';
import { mappingGroups, referenceTypeOptions } from './parameters-model';
import { useParametersStore } from './parameters-store';

const DEFAULT_TYPE = 'authorization.division';

/** The names objects have in this environment when changesets call them something else. */
export function MappingsTab({ environment }: { environment: string }) {
  const view = useParametersStore((state) => state.view);
  const saving = useParametersStore((state) => state.mappingSaving);
  const error = useParametersStore((state) => state.mappingError);
  const rowErrors = useParametersStore((state) => state.mappingRowErrors);
  const map = useParametersStore((state) => state.map);
  const unmap = useParametersStore((state) => state.unmap);
  const [type, setType] = useState(DEFAULT_TYPE);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const titleId = useId();
  const errorId = useId();
  const groups = mappingGroups(view?.mappings ?? []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await map(type, from, to)) {
      setFrom('');
      setTo('');
    }
  };

  return (
    <>
      <p className="muted parameters-explain">
        A mapping says what an object is called in {environment} when changesets call it by another name: the
        division changesets call “Customer Service” may be “Customer Care” here. Each name is mapped at most
        once, straight to its name here.
      </p>
      {view !== null && groups.length === 0 && (
        <p className="muted" data-testid="mappings-empty">
          No mappings: objects have the same names in {environment} as in changesets.
        </p>
      )}
      {groups.length > 0 && (
        <table className="parameters-table" data-testid="mappings-table">
          <caption className="visually-hidden">Mappings of {environment}</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Name in changesets</th>
              <th scope="col">Name in {environment}</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.flatMap((group) =>
              group.mappings.map((mapping) => {
                const key = `${mapping.type}/${mapping.from}`;
                return (
                  <tr key={key} data-testid="mapping-row" data-type={mapping.type} data-from={mapping.from}>
                    <td title={mapping.type}>{group.label}</td>
                    <td>{mapping.from}</td>
                    <td>
                      {mapping.to}
                      {rowErrors[key] !== undefined && (
                        <span className="field-error parameter-row-error" role="alert">
                          {rowErrors[key]}
                        </span>
                      )}
                    </td>
                    <td className="parameter-actions">
                      <button
                        type="button"
                        className="link-button danger-link"
                        aria-label={`Remove the mapping of ${group.label} ${mapping.from}`}
                        onClick={() => void unmap(mapping.type, mapping.from)}
                        data-testid="remove-mapping"
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
      <form
        className="card parameter-form"
        onSubmit={(event) => void submit(event)}
        aria-labelledby={titleId}
        data-testid="mapping-form"
      >
        <h2 id={titleId}>Add a mapping</h2>
        <div className="parameter-form-fields">
          <label className="form-field">
            <span className="form-field-label">Type</span>
            <select value={type} onChange={(event) => setType(event.target.value)} data-testid="mapping-type">
              {referenceTypeOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <label className="form-field">
            <span className="form-field-label">Name in changesets</span>
            <input
              value={from}
              placeholder="Customer Service"
              aria-describedby={error === null ? undefined : errorId}
              onChange={(event) => setFrom(event.target.value)}
              data-testid="mapping-from"
            />
          </label>
          <label className="form-field">
            <span className="form-field-label">Name in {environment}</span>
            <input
              value={to}
              placeholder="Customer Care"
              aria-describedby={error === null ? undefined : errorId}
              onChange={(event) => setTo(event.target.value)}
              data-testid="mapping-to"
            />
          </label>
        </div>
        {error !== null && (
          <p className="field-error parameter-error" id={errorId} role="alert" data-testid="mapping-error">
            {error}
          </p>
        )}
        <div className="button-row">
          <button
            type="submit"
            className="primary"
            disabled={saving || from.trim() === '' || to.trim() === ''}
            data-testid="save-mapping"
          >
            {saving ? 'Saving…' : 'Add mapping'}
          </button>
        </div>
      </form>
    </>
  );
}
