import type { ReactNode } from 'react';
import type { JsonObject } from '../../../../../shared/model/canonical/json-value';
import { Section } from './controls';
import { fieldTestId, type Path } from './json-edit';
import { ParameterSlot } from './ParameterSlot';
import { parameterAt } from './parameter-field-model';

interface EntryListSectionProps {
  title: string;
  root: JsonObject;
  onChange(next: JsonObject): void;
  /** Where the ordered list of entries sits in the object. */
  listPath: Path;
  addLabel: string;
  onAdd: () => void;
  /** What the section says about the list before its entries. */
  notes: ReactNode;
  empty: boolean;
  emptyText: string;
  /** The `<ol>` of entries. */
  children: ReactNode;
}

/**
 * A form section holding an ordered list of entries that the whole list may be given per
 * environment. While it is a parameter, the section shows the parameter and offers no add, so
 * editing an entry can never overwrite it.
 */
export function EntryListSection(props: EntryListSectionProps) {
  const { root, onChange, listPath } = props;
  const listParameter = parameterAt(root, listPath);
  return (
    <Section
      title={props.title}
      actions={
        listParameter === undefined && (
          <button type="button" data-testid={`${fieldTestId(listPath)}-add`} onClick={props.onAdd}>
            {props.addLabel}
          </button>
        )
      }
    >
      {listParameter !== undefined && (
        <ParameterSlot root={root} path={listPath} onChange={onChange} label={props.title} offer={false}>
          {null}
        </ParameterSlot>
      )}
      {props.notes}
      {props.empty && listParameter === undefined && (
        <p className="muted small" data-testid={`${fieldTestId(listPath)}-empty`}>
          {props.emptyText}
        </p>
      )}
      {props.children}
    </Section>
  );
}
