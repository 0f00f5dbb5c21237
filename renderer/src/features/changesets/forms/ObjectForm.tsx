import './object-form.css';
import type { JSX } from 'react';
import { findObjectType } from '../../../../../shared/model/object-types/registry';
import { DataTableForm } from './DataTableForm';
import { EmergencyGroupForm } from './EmergencyGroupForm';
import { FlowForm } from './FlowForm';
import { GroupForm } from './GroupForm';
import { IvrForm } from './IvrForm';
import type { ObjectFormProps } from './object-form-props';
import { NaturalKeyContext } from './ParameterSlot';
import { PromptForm } from './PromptForm';
import { QueueForm } from './QueueForm';
import { ScheduleForm } from './ScheduleForm';
import { ScheduleGroupForm } from './ScheduleGroupForm';
import { SIMPLE_FORM_FIELDS, SimpleObjectForm } from './SimpleObjectForm';
import { SkillGroupForm } from './SkillGroupForm';
import { UtilizationForm } from './UtilizationForm';

const FORMS: Readonly<Record<string, (props: ObjectFormProps) => JSX.Element>> = {
  'routing.queue': QueueForm,
  'architect.schedule': ScheduleForm,
  'architect.schedulegroup': ScheduleGroupForm,
  'flows.datatable': DataTableForm,
  'architect.prompt': PromptForm,
  'architect.emergencygroup': EmergencyGroupForm,
  'architect.ivr': IvrForm,
  'routing.utilization': UtilizationForm,
  'directory.group': GroupForm,
  'routing.skillgroup': SkillGroupForm,
  'architect.flow': FlowForm,
};

/** Whether `ObjectForm` has a form for the type (else the editor should offer the JSON view only). */
export function hasObjectForm(type: string): boolean {
  return Object.hasOwn(FORMS, type) || Object.hasOwn(SIMPLE_FORM_FIELDS, type);
}

/** The visual editor for one object in canonical form; the form is chosen by the object's type. */
export function ObjectForm(props: ObjectFormProps): JSX.Element {
  if (!hasObjectForm(props.type)) {
    return (
      <p className="object-form-none muted" data-testid="object-form-none">
        No form for this type: edit it in the JSON view, which checks it against the type's schema as you type
        (a data action's contract and config, for one).
      </p>
    );
  }
  const Form = Object.hasOwn(FORMS, props.type) ? FORMS[props.type] : undefined;
  return (
    // A disabled fieldset disables every control inside it, however deep: read-only in one place.
    <fieldset
      className="object-form"
      disabled={props.readOnly === true}
      data-testid="object-form"
      data-type={props.type}
    >
      <NaturalKeyContext.Provider value={findObjectType(props.type)?.naturalKey ?? 'name'}>
        {Form ? <Form {...props} /> : <SimpleObjectForm {...props} />}
      </NaturalKeyContext.Provider>
    </fieldset>
  );
}
