import './architect-forms.css';
import { Checkbox, NumberInput, Section } from './controls';
import { fieldTestId, getBoolean, getNumber, setAt, type Path } from './json-edit';
import type { ObjectFormProps } from './object-form-props';
import { ParameterFormField, ParameterSlot } from './ParameterSlot';
import {
  hasLabelCapacity,
  interruptingLabels,
  interruptingMedia,
  labelPath,
  labelRows,
  MAX_CAPACITY,
  mediaPath,
  UTILIZATION_MEDIA,
  withInterruptingLabel,
  withInterruptingMedia,
  withLabelCleared,
} from './utilization-form-model';

/**
 * The org's one utilization setting: how many interactions of each media type (and of each
 * label) an agent takes at once, and what may interrupt them. One row each, everything on screen.
 */
export function UtilizationForm({ value, onChange, catalog }: ObjectFormProps) {
  const labels = labelRows(value, catalog('routing.utilizationlabel'));
  return (
    <>
      <p className="muted small">
        The organization’s single utilization setting: an agent takes up to the capacity of each media type at
        once, and a medium ticked under “Interrupted by” may arrive while they work on it.
      </p>
      <Section title="Per media type">
        <table className="of-grid of-capacity">
          <thead>
            <tr>
              <th scope="col">Media</th>
              <th scope="col">Maximum capacity</th>
              <th scope="col">Interrupted by</th>
              <th scope="col">Include non-ACD</th>
            </tr>
          </thead>
          <tbody>
            {UTILIZATION_MEDIA.map(({ value: media, label }) => {
              const capacity = mediaPath(media, 'maximumCapacity');
              const nonAcd = mediaPath(media, 'includeNonAcd');
              const interrupting = interruptingMedia(value, media);
              return (
                <tr key={media} data-testid="utilization-media" data-media={media}>
                  <th scope="row">{label}</th>
                  <CapacityCell value={value} onChange={onChange} path={capacity} label={label} />
                  <td>
                    <div className="of-checks" role="group" aria-label={`${label} interrupted by`}>
                      {UTILIZATION_MEDIA.filter((other) => other.value !== media).map((other) => (
                        <Checkbox
                          key={other.value}
                          testId={`${fieldTestId(mediaPath(media, 'interruptableMediaTypes'))}-${other.value}`}
                          checked={interrupting.includes(other.value)}
                          label={other.label}
                          ariaLabel={`${label} interrupted by ${other.label.toLowerCase()}`}
                          onChange={(on) => onChange(withInterruptingMedia(value, media, other.value, on))}
                        />
                      ))}
                    </div>
                  </td>
                  <td>
                    <Checkbox
                      testId={fieldTestId(nonAcd)}
                      checked={getBoolean(value, nonAcd) ?? false}
                      label={null}
                      ariaLabel={`${label} includes non-ACD interactions`}
                      onChange={(on) => onChange(setAt(value, nonAcd, on))}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>
      <Section title="Per label">
        {labels.length === 0 ? (
          <p className="muted small">No utilization labels in the target.</p>
        ) : (
          <table className="of-grid of-capacity">
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Maximum capacity</th>
                <th scope="col">Interrupted by</th>
                <th scope="col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {labels.map((label) => {
                const capacity = labelPath(label, 'maximumCapacity');
                const interrupting = interruptingLabels(value, label);
                const set = hasLabelCapacity(value, label);
                return (
                  <tr key={label} data-testid="utilization-label" data-label={label}>
                    <th scope="row">{label}</th>
                    <CapacityCell
                      value={value}
                      onChange={onChange}
                      path={capacity}
                      label={label}
                      placeholder={set ? undefined : 'not set'}
                    />
                    <td>
                      <div className="of-checks" role="group" aria-label={`${label} interrupted by`}>
                        {labels
                          .filter((other) => other !== label)
                          .map((other) => (
                            <Checkbox
                              key={other}
                              testId={`${fieldTestId(labelPath(label, 'interruptingLabelIds'))}-${other}`}
                              checked={interrupting.includes(other)}
                              label={other}
                              ariaLabel={`${label} interrupted by ${other}`}
                              onChange={(on) => onChange(withInterruptingLabel(value, label, other, on))}
                            />
                          ))}
                      </div>
                    </td>
                    <td>
                      {set && (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Clear the capacity of ${label}`}
                          data-testid={`${fieldTestId(labelPath(label))}-clear`}
                          onClick={() => onChange(withLabelCleared(value, label))}
                        >
                          Clear
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Inbound calls">
        <div className="form-grid">
          <ParameterFormField
            label="Maximum inbound calls per agent"
            field="maxInboundCalls"
            root={value}
            path={['maxInboundCalls']}
            onChange={onChange}
          >
            <NumberInput
              testId={fieldTestId(['maxInboundCalls'])}
              name="Maximum inbound calls per agent"
              value={getNumber(value, ['maxInboundCalls'])}
              min={0}
              integer
              onChange={(next) => onChange(setAt(value, ['maxInboundCalls'], next))}
            />
          </ParameterFormField>
        </div>
      </Section>
    </>
  );
}

interface CapacityCellProps {
  value: ObjectFormProps['value'];
  onChange: ObjectFormProps['onChange'];
  path: Path;
  /** The media type's or label's name, as the row shows it. */
  label: string;
  placeholder?: string | undefined;
}

/** A row's maximum capacity, for a media type and a label alike: the same bounds and parameter slot. */
function CapacityCell({ value, onChange, path, label, placeholder }: CapacityCellProps) {
  return (
    <td>
      <ParameterSlot root={value} path={path} onChange={onChange} label={`${label} maximum capacity`}>
        <NumberInput
          testId={fieldTestId(path)}
          label={`${label} maximum capacity`}
          value={getNumber(value, path)}
          min={0}
          max={MAX_CAPACITY}
          integer
          placeholder={placeholder}
          onChange={(next) => onChange(setAt(value, path, next))}
        />
      </ParameterSlot>
    </td>
  );
}
