import type { JsonObject } from '../../../../../shared/model/canonical/json-value';
import { EnumSelect, NumberInput, ReferenceSetPicker, Section } from './controls';
import { ParameterFormField, ParameterSlot } from './ParameterSlot';
import { useFieldState } from './field-state';
import { IdentityFields } from './IdentityFields';
import { fieldTestId, getArray, getBoolean, getNumber, getString, setAt, type Path } from './json-edit';
import type { ObjectFormProps } from './object-form-props';
import {
  bullseyeRings,
  fractionToPercent,
  MAX_BULLSEYE_RINGS,
  MEDIA_TYPES,
  msToSeconds,
  percentToFraction,
  ringSkillsPath,
  ringTimeout,
  ringTimeoutPath,
  secondsToMs,
  SKILL_EVALUATION_METHODS,
  withRingAdded,
  withRingRemoved,
  withRingSkills,
  withRingTimeout,
  WRAPUP_PROMPTS,
} from './queue-form-model';

export function QueueForm(props: ObjectFormProps) {
  const { value, onChange, catalog } = props;
  return (
    <>
      <IdentityFields form={props} description division />
      <MediaSettings value={value} onChange={onChange} />
      <Section title="After-call work">
        <div className="form-grid">
          <ParameterFormField
            label="Wrap-up prompt"
            field="acwSettings.wrapupPrompt"
            root={value}
            path={['acwSettings', 'wrapupPrompt']}
            onChange={onChange}
          >
            <EnumSelect
              path={['acwSettings', 'wrapupPrompt']}
              value={getString(value, ['acwSettings', 'wrapupPrompt'])}
              options={WRAPUP_PROMPTS}
              unsetLabel="(not set)"
              onChange={(next) => onChange(setAt(value, ['acwSettings', 'wrapupPrompt'], next))}
            />
          </ParameterFormField>
          <ParameterFormField
            label="Time-out (seconds)"
            name="After-call work time-out"
            field="acwSettings.timeoutMs"
            hint="A parameter here gives milliseconds, as Genesys stores them."
            root={value}
            path={['acwSettings', 'timeoutMs']}
            onChange={onChange}
          >
            <NumberInput
              testId={fieldTestId(['acwSettings', 'timeoutMs'])}
              name="After-call work time-out"
              value={msToSeconds(getNumber(value, ['acwSettings', 'timeoutMs']))}
              min={0}
              onChange={(seconds) =>
                onChange(setAt(value, ['acwSettings', 'timeoutMs'], secondsToMs(seconds)))
              }
            />
          </ParameterFormField>
        </div>
      </Section>
      <Section title="Routing">
        <div className="form-grid">
          <ParameterFormField
            label="Skill evaluation"
            field="skillEvaluationMethod"
            root={value}
            path={['skillEvaluationMethod']}
            onChange={onChange}
          >
            <EnumSelect
              path={['skillEvaluationMethod']}
              value={getString(value, ['skillEvaluationMethod'])}
              options={SKILL_EVALUATION_METHODS}
              unsetLabel="(not set)"
              onChange={(next) => onChange(setAt(value, ['skillEvaluationMethod'], next))}
            />
          </ParameterFormField>
        </div>
        <BullseyeRings value={value} onChange={onChange} skills={catalog('routing.skill')} />
      </Section>
      <Section title="Wrap-up codes">
        <ParameterSlot
          root={value}
          path={['wrapupCodes']}
          onChange={onChange}
          label="Wrap-up codes"
          offer={false}
        >
          <ReferenceSetPicker
            path={['wrapupCodes']}
            refType="routing.wrapupcode"
            list={getArray(value, ['wrapupCodes'])}
            names={catalog('routing.wrapupcode')}
            emptyText="No wrap-up codes in the target."
            onChange={(next) => onChange(setAt(value, ['wrapupCodes'], next))}
          />
        </ParameterSlot>
      </Section>
    </>
  );
}

interface QueuePartProps {
  value: JsonObject;
  onChange(next: JsonObject): void;
}

/** One row per media type, so every setting is on screen (and reachable by tests) at once. */
function MediaSettings({ value, onChange }: QueuePartProps) {
  const { isChanged } = useFieldState();
  return (
    <Section title="Media settings">
      <table className="of-grid of-media">
        <thead>
          <tr>
            <th>Media</th>
            <th>Alerting time-out (s)</th>
            <th>Auto-answer</th>
            <th>Service level (%)</th>
            <th>Service level target (s)</th>
          </tr>
        </thead>
        <tbody>
          {MEDIA_TYPES.map(({ value: media, label }) => {
            const at = (...rest: string[]): Path => ['mediaSettings', media, ...rest];
            const set = (path: Path, next: number | boolean | undefined) =>
              onChange(setAt(value, path, next));
            return (
              <tr key={media}>
                <th scope="row">{label}</th>
                <td>
                  <ParameterSlot
                    root={value}
                    path={at('alertingTimeoutSeconds')}
                    onChange={onChange}
                    label={`${label} alerting time-out`}
                  >
                    <NumberInput
                      testId={fieldTestId(at('alertingTimeoutSeconds'))}
                      label={`${label} alerting time-out (seconds)`}
                      value={getNumber(value, at('alertingTimeoutSeconds'))}
                      min={0}
                      integer
                      onChange={(next) => set(at('alertingTimeoutSeconds'), next)}
                    />
                  </ParameterSlot>
                </td>
                <td>
                  <ParameterSlot
                    root={value}
                    path={at('enableAutoAnswer')}
                    onChange={onChange}
                    label={`${label} auto-answer`}
                  >
                    <input
                      type="checkbox"
                      aria-label={`${label} auto-answer`}
                      checked={getBoolean(value, at('enableAutoAnswer')) ?? false}
                      className={isChanged(fieldTestId(at('enableAutoAnswer'))) ? 'of-changed' : undefined}
                      data-changed={isChanged(fieldTestId(at('enableAutoAnswer'))) || undefined}
                      data-testid={fieldTestId(at('enableAutoAnswer'))}
                      onChange={(event) => set(at('enableAutoAnswer'), event.target.checked)}
                    />
                  </ParameterSlot>
                </td>
                <td>
                  <ParameterSlot
                    root={value}
                    path={at('serviceLevel', 'percentage')}
                    onChange={onChange}
                    label={`${label} service level`}
                  >
                    <NumberInput
                      testId={fieldTestId(at('serviceLevel', 'percentage'))}
                      label={`${label} service level (percent)`}
                      value={fractionToPercent(getNumber(value, at('serviceLevel', 'percentage')))}
                      min={0}
                      max={100}
                      onChange={(next) => set(at('serviceLevel', 'percentage'), percentToFraction(next))}
                    />
                  </ParameterSlot>
                </td>
                <td>
                  <ParameterSlot
                    root={value}
                    path={at('serviceLevel', 'durationMs')}
                    onChange={onChange}
                    label={`${label} service level target`}
                  >
                    <NumberInput
                      testId={fieldTestId(at('serviceLevel', 'durationMs'))}
                      label={`${label} service level target (seconds)`}
                      value={msToSeconds(getNumber(value, at('serviceLevel', 'durationMs')))}
                      min={0}
                      onChange={(next) => set(at('serviceLevel', 'durationMs'), secondsToMs(next))}
                    />
                  </ParameterSlot>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

function BullseyeRings({ value, onChange, skills }: QueuePartProps & { skills: readonly string[] }) {
  const rings = bullseyeRings(value);
  const ringsPath = ['bullseye', 'rings'] as const;
  return (
    <div className="of-rings" data-testid={fieldTestId(ringsPath)}>
      <h4>Bullseye rings</h4>
      {rings.length === 0 && <p className="muted small">No rings: the queue routes on skills alone.</p>}
      <ol className="of-ring-list">
        {rings.map((_, index) => {
          const last = index === rings.length - 1;
          return (
            // Rings are ordered and carry no identity of their own; the position is the identity.
            <li key={index} className="of-ring">
              <div className="of-ring-head">
                <strong>Ring {index + 1}</strong>
                <button
                  type="button"
                  className="link-button"
                  data-testid={`${fieldTestId([...ringsPath, index])}-remove`}
                  onClick={() => onChange(withRingRemoved(value, index))}
                >
                  Remove ring
                </button>
              </div>
              <ParameterFormField
                label="Expand to the next ring after (seconds)"
                name={`Ring ${index + 1}'s expansion time-out`}
                field={`bullseye.rings[${index}].expansionCriteria[0].threshold`}
                hint={last ? 'Usually empty on the last ring: calls stay there.' : undefined}
                root={value}
                path={ringTimeoutPath(index)}
                write={(next) => withRingTimeout(value, index, next)}
                words={[`ring ${index + 1}`, 'timeout']}
                onChange={onChange}
              >
                <NumberInput
                  testId={fieldTestId(ringTimeoutPath(index))}
                  name={`Ring ${index + 1}'s expansion time-out`}
                  value={ringTimeout(value, index)}
                  min={0}
                  onChange={(seconds) => onChange(withRingTimeout(value, index, seconds))}
                />
              </ParameterFormField>
              <div className="of-field-group">
                <span className="form-field-label">Skills to remove when the call reaches this ring</span>
                <ParameterSlot
                  root={value}
                  path={ringSkillsPath(index)}
                  onChange={onChange}
                  label={`Ring ${index + 1}'s skills to remove`}
                  offer={false}
                >
                  <ReferenceSetPicker
                    path={ringSkillsPath(index)}
                    refType="routing.skill"
                    list={getArray(value, ringSkillsPath(index))}
                    names={skills}
                    emptyText="No skills in the target."
                    onChange={(next) => onChange(withRingSkills(value, index, next))}
                  />
                </ParameterSlot>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        disabled={rings.length >= MAX_BULLSEYE_RINGS}
        data-testid={`${fieldTestId(ringsPath)}-add`}
        onClick={() => onChange(withRingAdded(value))}
      >
        Add ring
      </button>
      {rings.length >= MAX_BULLSEYE_RINGS && (
        <span className="muted small"> Genesys allows at most {MAX_BULLSEYE_RINGS} rings.</span>
      )}
    </div>
  );
}
