import { useState, type KeyboardEvent } from 'react';
import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
} from '../../../../../shared/model/canonical/json-value';
import { EnumSelect, NumberInput, ParsedTextInput, Section, TextInput, type Parsed } from './controls';
import {
  COLUMN_TYPES,
  columnNameProblem,
  columnPath,
  columns,
  isColumnType,
  KEY_COLUMN,
  rowKey,
  rowKeyProblem,
  rows,
  withCell,
  withColumnAdded,
  withColumnRemoved,
  withColumnRenamed,
  withColumnType,
  withRowAdded,
  withRowKey,
  withRowRemoved,
  type Column,
} from './datatable-form-model';
import { IdentityFields } from './IdentityFields';
import { fieldTestId, getString, setAt, textOrUndefined } from './json-edit';
import type { ObjectFormProps } from './object-form-props';
import { ParameterSlot } from './ParameterSlot';

const TYPE_OPTIONS = COLUMN_TYPES.map((type) => ({ value: type, label: type }));

/** Rows drawn at first; big tables would make every keystroke slow to render. */
const ROW_PAGE = 200;

export function DataTableForm(props: ObjectFormProps) {
  const { value, onChange } = props;
  return (
    <>
      <IdentityFields form={props} description division />
      <ColumnsEditor value={value} onChange={onChange} />
      <RowsGrid value={value} onChange={onChange} />
    </>
  );
}

interface TablePartProps {
  value: JsonObject;
  onChange(next: JsonObject): void;
}

function ColumnsEditor({ value, onChange }: TablePartProps) {
  const list = columns(value);
  const propertiesPath = ['schema', 'properties'] as const;
  return (
    <Section
      title="Columns"
      actions={
        <button
          type="button"
          data-testid={`${fieldTestId(propertiesPath)}-add`}
          onClick={() => onChange(withColumnAdded(value).table)}
        >
          Add column
        </button>
      }
    >
      <table className="of-grid of-columns">
        <thead>
          <tr>
            <th>Name</th>
            <th>Title</th>
            <th>Type</th>
            <th>Default</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {list.map((column, index) => {
            const path = columnPath(column.name);
            const isKey = column.name === KEY_COLUMN;
            return (
              // By position: a rename must not remount the row and lose the caret mid-word.
              <tr key={index}>
                <td>
                  {isKey ? (
                    <span title="Every row has it; it cannot be renamed or removed">
                      <code data-testid={fieldTestId(path)}>{KEY_COLUMN}</code>{' '}
                      <span className="muted small">row key</span>
                    </span>
                  ) : (
                    <ParsedTextInput<string>
                      testId={fieldTestId(path)}
                      label={`Name of column ${column.name}`}
                      value={column.name}
                      format={(name) => name}
                      parse={(text): Parsed<string> => {
                        const problem = columnNameProblem(value, text, column.name);
                        return problem === undefined
                          ? { ok: true, value: text }
                          : { ok: false, error: problem };
                      }}
                      onChange={(to) => onChange(withColumnRenamed(value, column.name, to))}
                    />
                  )}
                </td>
                <td>
                  <ParameterSlot
                    root={value}
                    path={[...path, 'title']}
                    onChange={onChange}
                    label={`the title of column ${column.name}`}
                    words={[column.name, 'title']}
                  >
                    <TextInput
                      path={[...path, 'title']}
                      label={`Title of column ${column.name}`}
                      value={getString(value, [...path, 'title'])}
                      onChange={(next) => onChange(setAt(value, [...path, 'title'], next))}
                    />
                  </ParameterSlot>
                </td>
                <td>
                  {isKey ? (
                    <span data-testid={fieldTestId([...path, 'type'])}>{column.type}</span>
                  ) : (
                    <EnumSelect
                      path={[...path, 'type']}
                      label={`Type of column ${column.name}`}
                      value={column.type}
                      options={TYPE_OPTIONS}
                      onChange={(next) =>
                        next !== undefined &&
                        isColumnType(next) &&
                        onChange(withColumnType(value, column.name, next))
                      }
                    />
                  )}
                </td>
                <td>
                  {!isKey && (
                    <ParameterSlot
                      root={value}
                      path={[...path, 'default']}
                      onChange={onChange}
                      label={`the default of column ${column.name}`}
                      words={[column.name, 'default']}
                    >
                      <ValueEditor
                        testId={fieldTestId([...path, 'default'])}
                        label={`Default of column ${column.name}`}
                        type={column.type}
                        value={column.definition.default}
                        optionalBoolean
                        onChange={(next) => onChange(setAt(value, [...path, 'default'], next))}
                      />
                    </ParameterSlot>
                  )}
                </td>
                <td>
                  {!isKey && (
                    <button
                      type="button"
                      className="link-button"
                      data-testid={`${fieldTestId(path)}-remove`}
                      onClick={() => onChange(withColumnRemoved(value, column.name))}
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">
        Renaming a column renames its cell in every row; removing it removes the cells.
      </p>
    </Section>
  );
}

interface ValueEditorProps {
  testId: string;
  label: string;
  type: string;
  value: JsonValue | undefined;
  onChange(next: JsonValue | undefined): void;
  /** Booleans as a three-way choice (not set, true, false) rather than a checkbox. */
  optionalBoolean?: boolean;
}

/** An editor for one value of a column type: a cell, or a column's default. */
function ValueEditor({ testId, label, type, value, onChange, optionalBoolean = false }: ValueEditorProps) {
  if (type === 'boolean') {
    if (optionalBoolean) {
      return (
        <select
          aria-label={label}
          value={typeof value === 'boolean' ? String(value) : ''}
          data-testid={testId}
          onChange={(event) =>
            onChange(event.target.value === '' ? undefined : event.target.value === 'true')
          }
        >
          <option value="">(none)</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      );
    }
    return (
      <input
        type="checkbox"
        aria-label={label}
        checked={value === true}
        data-testid={testId}
        onChange={(event) => onChange(event.target.checked)}
      />
    );
  }
  if (type === 'integer' || type === 'number') {
    return (
      <NumberInput
        testId={testId}
        label={label}
        value={typeof value === 'number' ? value : undefined}
        integer={type === 'integer'}
        onChange={onChange}
      />
    );
  }
  // Strings, and types the form does not know, which are shown as text rather than hidden.
  return (
    <input
      aria-label={label}
      value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
      data-testid={testId}
      onChange={(event) => onChange(textOrUndefined(event.target.value))}
    />
  );
}

function RowsGrid({ value, onChange }: TablePartProps) {
  const [filter, setFilter] = useState('');
  const [limit, setLimit] = useState(ROW_PAGE);
  const list = rows(value);
  const cols = columns(value);
  const needle = filter.trim().toLowerCase();
  const matching = list.flatMap((row, index) =>
    isJsonObject(row) && rowMatches(row, needle) ? [{ row, index }] : [],
  );
  const shown = matching.slice(0, limit);

  return (
    <Section
      title={`Rows (${list.length})`}
      actions={
        list.length > 10 && (
          <input
            type="search"
            className="of-set-filter"
            placeholder="Filter rows…"
            aria-label="Filter rows"
            value={filter}
            data-testid="rows-filter"
            onChange={(event) => setFilter(event.target.value)}
          />
        )
      }
    >
      <div className="of-grid-scroll">
        <table className="of-grid of-rows" data-testid={fieldTestId(['rows'])}>
          <thead>
            <tr>
              {cols.map((column) => (
                <th key={column.name} title={column.name}>
                  {columnHeading(column)}
                </th>
              ))}
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {shown.map(({ row, index }) => (
              <tr key={rowKey(row) ?? `#${index}`}>
                {cols.map((column) => (
                  <td key={column.name}>
                    {column.name === KEY_COLUMN ? (
                      <RowKeyInput table={value} index={index} onChange={onChange} />
                    ) : (
                      <ParameterSlot
                        root={value}
                        path={['rows', index, column.name]}
                        onChange={onChange}
                        label={`${column.name} of ${rowKey(row) ?? `row ${index + 1}`}`}
                        write={(next) => withCell(value, index, column.name, next)}
                        words={[rowKey(row) ?? `row ${index + 1}`, column.name]}
                      >
                        <ValueEditor
                          testId={fieldTestId(['rows', index, column.name])}
                          label={`${column.name} of ${rowKey(row) ?? `row ${index + 1}`}`}
                          type={column.type}
                          value={row[column.name]}
                          onChange={(next) => onChange(withCell(value, index, column.name, next))}
                        />
                      </ParameterSlot>
                    )}
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="link-button"
                    data-testid={`${fieldTestId(['rows', index])}-remove`}
                    onClick={() => onChange(withRowRemoved(value, index))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {matching.length > shown.length && (
        <button type="button" className="link-button" onClick={() => setLimit(Number.MAX_SAFE_INTEGER)}>
          Show all {matching.length} rows
        </button>
      )}
      <NewRow table={value} onChange={onChange} />
    </Section>
  );
}

function columnHeading(column: Column) {
  const title = column.definition.title;
  if (typeof title !== 'string' || title === column.name) return column.name;
  return (
    <>
      {title} <span className="muted small">({column.name})</span>
    </>
  );
}

function rowMatches(row: JsonObject, needle: string): boolean {
  if (needle === '') return true;
  return Object.values(row).some(
    (cell) =>
      (typeof cell === 'string' || typeof cell === 'number') && String(cell).toLowerCase().includes(needle),
  );
}

interface RowKeyInputProps {
  table: JsonObject;
  index: number;
  onChange(next: JsonObject): void;
}

/**
 * The key cell is committed on Enter or leaving the field, not per keystroke: rows are kept sorted
 * by key, so each keystroke would move the row under the caret.
 */
function RowKeyInput({ table, index, onChange }: RowKeyInputProps) {
  const key = rowKey(rows(table)[index]) ?? '';
  const [draft, setDraft] = useState(key);
  const [shown, setShown] = useState(key);
  if (shown !== key) {
    setShown(key);
    setDraft(key);
  }
  const problem = draft === key ? undefined : rowKeyProblem(table, draft, index);
  const commit = () => {
    if (draft !== key && problem === undefined) onChange(withRowKey(table, index, draft));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter must not also submit a form this one is embedded in.
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    }
    if (event.key === 'Escape') setDraft(key);
  };
  return (
    <>
      <input
        className="of-row-key"
        value={draft}
        aria-label={`Key of row ${index + 1}`}
        aria-invalid={problem !== undefined || undefined}
        data-testid={fieldTestId(['rows', index, KEY_COLUMN])}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {problem !== undefined && <span className="field-error">{problem}</span>}
    </>
  );
}

function NewRow({ table, onChange }: { table: JsonObject; onChange(next: JsonObject): void }) {
  const [key, setKey] = useState('');
  const problem = key === '' ? undefined : rowKeyProblem(table, key);
  const add = () => {
    if (key === '' || problem !== undefined) return;
    onChange(withRowAdded(table, key).table);
    setKey('');
  };
  return (
    <div className="of-new-row">
      <input
        value={key}
        placeholder="Key of a new row"
        aria-label="Key of a new row"
        aria-invalid={problem !== undefined || undefined}
        data-testid="field-rows-new"
        onChange={(event) => setKey(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add();
          }
        }}
      />
      <button
        type="button"
        data-testid="field-rows-add"
        disabled={key === '' || problem !== undefined}
        onClick={add}
      >
        Add row
      </button>
      {problem !== undefined && <span className="field-error">{problem}</span>}
    </div>
  );
}
