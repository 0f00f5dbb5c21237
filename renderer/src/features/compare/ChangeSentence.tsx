import { displayKey } from './flow-diff-model';
import type { ReactNode } from 'react';
import { describeValue } from '../../../../shared/diff/describe-change';
import type { FieldChange } from '../../../../shared/diff/diff-types';
import { isCanonicalReference } from '../../../../shared/model/canonical/canonical-reference';
import type { JsonValue } from '../../../../shared/model/canonical/json-value';
import { singularTypeLabel, type ObjectRef } from './diff-model';
import { prettyJsonInText } from './json-in-text';

interface ChangeSentenceProps {
  change: FieldChange;
  onReference: (target: ObjectRef) => void;
}

/**
 * The sentence `describeFieldChange` writes, with references as links: the same words, but a
 * reviewer can jump to the skill or wrap-up code a queue points at.
 */
export function ChangeSentence({ change, onReference }: ChangeSentenceProps) {
  const value = (item: JsonValue | undefined) => <Value value={item} onReference={onReference} />;
  const path = <code className="change-path">{change.path === '' ? '(object)' : change.path}</code>;
  switch (change.kind) {
    case 'changed':
      return (
        <>
          {path} {value(change.before)} <span className="change-arrow">→</span> {value(change.after)}
        </>
      );
    case 'added':
      return (
        <>
          {path} added {value(change.after)}
        </>
      );
    case 'removed':
      return <>{path} removed</>;
    case 'set-added':
      return (
        <>
          {path} <span className="change-plus">+</span> {value(change.after)}
        </>
      );
    case 'set-removed':
      return (
        <>
          {path} <span className="change-minus">−</span> {value(change.before)}
        </>
      );
  }
}

function Value({
  value,
  onReference,
}: {
  value: JsonValue | undefined;
  onReference: (target: ObjectRef) => void;
}) {
  const reference = asReference(value);
  if (reference) return <ReferenceLink target={reference} onReference={onReference} />;
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= 12 &&
    value.every((item) => asReference(item))
  ) {
    const links: ReactNode[] = [];
    value.forEach((item, index) => {
      const target = asReference(item);
      if (!target) return;
      if (index > 0) links.push(', ');
      links.push(<ReferenceLink key={index} target={target} onReference={onReference} />);
    });
    return <span className="change-value">[{links}]</span>;
  }
  const json = typeof value === 'string' ? prettyJsonInText(value) : undefined;
  if (json !== undefined) {
    return (
      // Scrolls when long; focusable so a keyboard user can scroll it too.
      <pre className="change-value change-json" tabIndex={0} data-testid="change-json">
        {json}
      </pre>
    );
  }
  return <span className="change-value">{describeValue(value)}</span>;
}

function ReferenceLink({
  target,
  onReference,
}: {
  target: ObjectRef;
  onReference: (target: ObjectRef) => void;
}) {
  return (
    <button
      type="button"
      className="reference-link"
      title={`${singularTypeLabel(target.type)} “${displayKey(target.type, target.key)}”: show it in the list`}
      onClick={() => onReference(target)}
      data-testid="reference-link"
    >
      {JSON.stringify(displayKey(target.type, target.key))}
    </button>
  );
}

function asReference(value: JsonValue | undefined): ObjectRef | null {
  if (!isCanonicalReference(value) || typeof value.name !== 'string') return null;
  return { type: value.$ref, key: value.name };
}
