import { describeFieldChange } from '../../../../shared/diff/describe-change';
import type { FieldChange } from '../../../../shared/diff/diff-types';
import {
  asFieldChange,
  type FieldChangeWire,
  type ObjectDiffWire,
  type ObjectRef,
  type StatusWords,
} from './diff-model';
import { ChangeSentence } from './ChangeSentence';
import { AudioChangeItem, type AudioSides } from './AudioChangeItem';
import { groupAudioChanges, type CanonicalSides } from './audio-change-model';
import { shownAboveSentence, type ShownAbove } from './shown-above';

interface FieldChangeListProps {
  object: ObjectDiffWire;
  aName: string;
  bName: string;
  onReference: (target: ObjectRef) => void;
  /** Offered per change when given (Compare): hide this field from every compare. */
  onIgnore?: (change: FieldChange) => void;
  /** Ticks per change (Compare's picks); absent where single changes cannot be picked. */
  picking?: FieldPicking;
  /** How a whole-object status reads (Compare: what happens to the target). */
  words?: StatusWords;
  /** Offered on a change whose values can be a parameter's (Compare of two environments). */
  onMakeParameter?: (change: FieldChangeWire) => void;
  /** The parameter a change was made, if any: a changeset from the compare writes it. */
  parameterOf?: (change: FieldChangeWire) => string | undefined;
  /** Flags the field as differing per environment, for the whole team. */
  onFlagEnvironment?: (change: FieldChange) => void;
  /** Whether flagging a change names any field (a lone element of a list names none). */
  canFlagEnvironment?: (change: FieldChange) => boolean;
  /** Whether "Make this a parameter" applies to a change. */
  canMakeParameter?: (change: FieldChangeWire) => boolean;
  /** Both sides' canonical values once read: they fill in an audio change's unchanged facts. */
  sides?: CanonicalSides;
  /** Where each side's prompt audio is read from, for the players; none playable when absent. */
  audioSources?: AudioSides;
  /** The side the editor draws on the left, so an audio change's players stand in its order. */
  leftSide?: 'a' | 'b';
  /** A field a section above shows whole (a flow's configuration): one line here, not its raw values. */
  shownAbove?: ShownAbove | undefined;
}

/** Real differences first; those environments are meant to have, and those equal as a parameter, apart. */
type ChangeGroup = 'differences' | 'environment' | 'parameter';

function groupOf(change: FieldChangeWire): ChangeGroup {
  if (change.equalAsParameter !== undefined) return 'parameter';
  return change.environmentSpecific === true ? 'environment' : 'differences';
}

export interface FieldPicking {
  isPicked: (change: FieldChangeWire) => boolean;
  onToggle: (change: FieldChangeWire) => void;
  /** The whole object is picked: every change goes in, so the single ticks are locked on. */
  wholeObject: boolean;
}

/** The object's differences as sentences, one per field. */
export function FieldChangeList({
  object,
  aName,
  bName,
  onReference,
  onIgnore,
  picking,
  words,
  onMakeParameter,
  parameterOf,
  onFlagEnvironment,
  canFlagEnvironment,
  canMakeParameter,
  sides,
  audioSources = { a: [], b: [] },
  leftSide = 'a',
  shownAbove,
}: FieldChangeListProps) {
  const changes = object.changes.map(asFieldChange);
  // A prompt's recording reads as one audio change, not as its hash, size and length apart.
  const audio = groupAudioChanges(changes, sides);
  const audioAt = new Map(audio.audio.map((change) => [Math.min(...change.changeIndexes), change]));
  const indexed = object.changes.map((wire, index) => ({ wire, index, group: groupOf(wire) }));
  const inGroup = (group: ChangeGroup) => indexed.filter((item) => item.group === group);
  const real = inGroup('differences');
  const realCount = real.filter(({ index }) => !audio.consumed.has(index)).length + audio.audio.length;
  const perEnvironment = inGroup('environment');
  const equal = inGroup('parameter');
  const renderItem = ({ wire, index }: { wire: FieldChangeWire; index: number }) => {
    if (audio.consumed.has(index)) {
      const grouped = audioAt.get(index);
      if (!grouped) return null;
      const wires = grouped.changeIndexes.flatMap((at) => object.changes[at] ?? []);
      return (
        <AudioChangeItem
          key={`audio-${grouped.id}`}
          change={grouped}
          aName={aName}
          bName={bName}
          sources={audioSources}
          leftSide={leftSide}
          onReference={onReference}
          {...(picking
            ? {
                pick: (
                  <PickGroupBox
                    changes={wires}
                    label={`audio of resource ${grouped.language ?? grouped.id}`}
                    picking={picking}
                  />
                ),
              }
            : {})}
        />
      );
    }
    const change = changes[index] as FieldChange;
    const parameter = parameterOf?.(wire);
    const elsewhere = shownAboveSentence(change, shownAbove);
    return (
      // Focusable so next/previous change keys can walk the fields (and a screen reader reads each).
      <li key={index} className={`change change-${change.kind}`} tabIndex={-1} data-testid="field-change">
        {picking && <PickBox change={wire} path={change.path} picking={picking} />}
        {elsewhere === undefined ? (
          <span className="change-sentence" title={describeFieldChange(change)}>
            <ChangeSentence change={change} onReference={onReference} />
          </span>
        ) : (
          <span className="change-sentence" data-testid="shown-above">
            {elsewhere}
          </span>
        )}
        {wire.equalAsParameter !== undefined && (
          <span className="muted small change-parameter" data-testid="equal-as-parameter">
            equal as parameter <code>{wire.equalAsParameter}</code>
          </span>
        )}
        {parameter !== undefined && (
          <span className="muted small change-parameter" data-testid="made-parameter">
            built as parameter <code>{parameter}</code>
          </span>
        )}
        {onMakeParameter && parameter === undefined && canMakeParameter?.(wire) === true && (
          <button
            type="button"
            className="link-button change-ignore-button"
            onClick={() => onMakeParameter(wire)}
            title={`Give ${change.path} its own value in each environment, as a parameter`}
            data-testid="make-parameter"
          >
            Make this a parameter
          </button>
        )}
        {onFlagEnvironment &&
          wire.environmentSpecific !== true &&
          wire.equalAsParameter === undefined &&
          canFlagEnvironment?.(change) !== false && (
            <button
              type="button"
              className="link-button change-ignore-button"
              onClick={() => onFlagEnvironment(change)}
              title={`Show ${change.path} apart in every compare of two environments, for the whole team`}
              data-testid="flag-environment-field"
            >
              Differs per environment
            </button>
          )}
        {onIgnore && (
          <button
            type="button"
            className="link-button change-ignore-button"
            onClick={() => onIgnore(change)}
            title={`Hide ${change.path} from compares, with a reason the team can read`}
            data-testid="ignore-field"
          >
            Ignore this field
          </button>
        )}
      </li>
    );
  };
  return (
    <section className="field-changes" aria-label="Field changes" data-testid="field-changes">
      <h3>
        {changes.length === 0
          ? 'Fields'
          : realCount > 0
            ? `${realCount} field change${realCount === 1 ? '' : 's'}`
            : perEnvironment.length > 0
              ? 'Only values that differ per environment'
              : 'Equal once parameters resolve'}
        {object.ignored > 0 && (
          <span className="muted small" data-testid="ignored-count">
            {' '}
            · {object.ignored} hidden by ignore rules
          </span>
        )}
      </h3>
      {picking && changes.length > 0 && (
        <p className="muted small picks-field-note" data-testid="picks-field-note">
          {picking.wholeObject
            ? 'The whole object is picked, so every change below goes in. Untick it in the list to pick single changes.'
            : 'Tick single changes to pick only those; ticking the object in the list picks all of it.'}
        </p>
      )}
      {changes.length === 0 ? (
        <p className="muted small" data-testid="whole-object-sentence">
          {wholeObjectSentence(object, aName, bName, words)}
        </p>
      ) : (
        <>
          {real.length > 0 && <ul className="change-list">{real.map(renderItem)}</ul>}
          {perEnvironment.length > 0 && (
            <section
              className="change-group"
              aria-label="Differs per environment"
              data-testid="environment-changes"
            >
              <h4>
                Differs per environment{' '}
                <span className="muted small">
                  · {perEnvironment.length} field{perEnvironment.length === 1 ? '' : 's'} each environment is
                  expected to have its own value of
                </span>
              </h4>
              <ul className="change-list">{perEnvironment.map(renderItem)}</ul>
            </section>
          )}
          {equal.length > 0 && (
            <details className="change-group" data-testid="parameter-equal-changes">
              <summary>
                {equal.length} field{equal.length === 1 ? '' : 's'} equal as parameters
              </summary>
              <ul className="change-list">{equal.map(renderItem)}</ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

function PickBox({
  change,
  path,
  picking,
}: {
  change: FieldChangeWire | undefined;
  path: string;
  picking: FieldPicking;
}) {
  if (!change) return null;
  return (
    <input
      type="checkbox"
      className="picks-check"
      checked={picking.wholeObject || picking.isPicked(change)}
      disabled={picking.wholeObject}
      onChange={() => picking.onToggle(change)}
      aria-label={`Pick ${path === '' ? '(object)' : path}`}
      title={picking.wholeObject ? 'The whole object is picked' : undefined}
      data-testid="pick-field"
    />
  );
}

/** One tick for the changes an audio change stands for: they go into a changeset together. */
function PickGroupBox({
  changes,
  label,
  picking,
}: {
  changes: readonly FieldChangeWire[];
  label: string;
  picking: FieldPicking;
}) {
  const picked = picking.wholeObject || changes.every((change) => picking.isPicked(change));
  return (
    <input
      type="checkbox"
      className="picks-check"
      checked={picked}
      disabled={picking.wholeObject}
      onChange={() => {
        for (const change of changes) if (picking.isPicked(change) === picked) picking.onToggle(change);
      }}
      aria-label={`Pick ${label}`}
      title={picking.wholeObject ? 'The whole object is picked' : undefined}
      data-testid="pick-field"
    />
  );
}

function wholeObjectSentence(
  object: ObjectDiffWire,
  aName: string,
  bName: string,
  words: StatusWords | undefined,
): string {
  if (object.status === 'unchanged' && object.ignored > 0) {
    return 'Differs only in fields hidden by ignore rules; the same on both sides otherwise.';
  }
  if (words && (object.status === 'added' || object.status === 'removed')) {
    return `${words.meaning(object.status)}.`;
  }
  switch (object.status) {
    case 'added':
      return `Only in ${bName}: the whole object is new there.`;
    case 'removed':
      return `Only in ${aName}: ${bName} does not have it.`;
    case 'renamed':
      return object.ignored === 0 && object.changes.length === 0
        ? `Renamed from “${object.previousKey ?? '?'}”; other field changes, if any, show when the compare finishes.`
        : `Renamed from “${object.previousKey ?? '?'}”; no other field differs.`;
    case 'unchanged':
      return 'Identical on both sides.';
    case 'changed':
      // A quick first pass lists changed objects before their fields are compared.
      return object.ignored > 0
        ? 'Every difference in this object is hidden by ignore rules.'
        : 'Its contents differ; the field-by-field list shows when the compare finishes.';
  }
}
