import { useState } from 'react';
import { parameterTypeLabels } from '../../../../shared/parameters/parameter-types';
import { ParameterForm } from './ParameterForm';
import { draftFrom, emptyDraft, type ParameterDraft } from './parameter-draft';
import { inUseText, setByLine, shownValue } from './parameters-model';
import { useParametersStore } from './parameters-store';

/** The environment's parameters: the list, the refusal to unset one in use, the add/change form. */
export function ParametersTab({ environment }: { environment: string }) {
  const view = useParametersStore((state) => state.view);
  const rowErrors = useParametersStore((state) => state.rowErrors);
  const inUse = useParametersStore((state) => state.inUse);
  const unset = useParametersStore((state) => state.unset);
  const dismissInUse = useParametersStore((state) => state.dismissInUse);
  const clearParameterError = useParametersStore((state) => state.clearParameterError);
  const [draft, setDraft] = useState<ParameterDraft>(emptyDraft);
  const parameters = view?.parameters ?? [];

  const change = (next: ParameterDraft) => {
    clearParameterError();
    setDraft(next);
    document.getElementById('parameter-form-value')?.focus();
  };

  return (
    <>
      {view !== null && parameters.length === 0 && (
        <section className="parameters-empty" data-testid="parameters-empty">
          <h2>No parameters in {environment} yet</h2>
          <p className="muted">
            A parameter is a value that differs per environment, such as a calling number, an address or a
            token. A changeset says <code>{'{"$param": "name"}'}</code> where it is used, and each environment
            fills in its own value when the changeset is planned there.
          </p>
        </section>
      )}
      {parameters.length > 0 && (
        <table className="parameters-table" data-testid="parameters-table">
          <caption className="visually-hidden">Parameters of {environment}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Value</th>
              <th scope="col">Set by</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((parameter) => (
              <tr key={parameter.name} data-testid="parameter-row" data-name={parameter.name}>
                <th scope="row">
                  <code>{parameter.name}</code>
                </th>
                <td>{parameterTypeLabels[parameter.type]}</td>
                <td data-testid="parameter-shown-value">
                  {parameter.type === 'secret' ? (
                    <span className={parameter.hasValue ? 'status ok' : 'status warn'}>
                      {shownValue(parameter)}
                    </span>
                  ) : (
                    <code className="parameter-value">{shownValue(parameter)}</code>
                  )}
                  {rowErrors[parameter.name] !== undefined && (
                    <span className="field-error parameter-row-error" role="alert">
                      {rowErrors[parameter.name]}
                    </span>
                  )}
                </td>
                <td className="muted small">{setByLine(parameter)}</td>
                <td className="parameter-actions">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Change ${parameter.name}`}
                    onClick={() => change(draftFrom(parameter))}
                    data-testid="change-parameter"
                  >
                    Change
                  </button>
                  <button
                    type="button"
                    className="link-button danger-link"
                    aria-label={`Unset ${parameter.name}`}
                    onClick={() => void unset(parameter.name)}
                    data-testid="unset-parameter"
                  >
                    Unset
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {inUse !== null && (
        <div className="parameter-in-use" role="alert" data-testid="parameter-in-use">
          <p>{inUseText(inUse, environment)}</p>
          {inUse.changesets.length > 0 && (
            <ul className="parameter-in-use-list">
              {inUse.changesets.map((id) => (
                <li key={id}>
                  <code>{id}</code>
                </li>
              ))}
            </ul>
          )}
          <div className="button-row">
            <button type="button" onClick={dismissInUse} data-testid="keep-parameter">
              Keep it
            </button>
            <button
              type="button"
              className="danger-outline"
              onClick={() => void unset(inUse.name, true)}
              data-testid="unset-anyway"
            >
              Unset anyway
            </button>
          </div>
        </div>
      )}
      <ParameterForm environment={environment} draft={draft} onDraft={setDraft} />
    </>
  );
}
