import { useState } from 'react';
import { DiffViewer } from '../../components/DiffViewer';
import type { FlowDiffView } from './flow-diff-model';
import './FlowDiffSection.css';

interface FlowDiffSectionProps {
  view: FlowDiffView;
  /** Names of sides a and b for the reference lists ("only in dev"). */
  aName: string;
  bName: string;
  /** Labels over the editor, drawn in the page's order. */
  leftLabel: string;
  rightLabel: string;
  leftSide: 'a' | 'b';
  title: string;
  height: number;
}

/**
 * A flow's difference: what changed in words, the references one side alone uses, what is
 * published and who holds it, then both configurations as YAML, side by side or inline.
 */
export function FlowDiffSection({
  view,
  aName,
  bName,
  leftLabel,
  rightLabel,
  leftSide,
  title,
  height,
}: FlowDiffSectionProps) {
  // Side by side reads well on a wide window; inline keeps long YAML lines whole on a narrow one.
  const [sideBySide, setSideBySide] = useState(true);
  // Side by side keeps the page's order (the source may be on the left, its colours then swapped
  // as the JSON diff's are). Inline has one column: it reads from the target (a) to the source
  // (b), so what the changeset brings is marked + and what it takes away −, as the words say.
  const left = sideBySide && leftSide === 'b' ? view.after : view.before;
  const right = sideBySide && leftSide === 'b' ? view.before : view.after;
  const beforeName = leftSide === 'b' ? rightLabel : leftLabel;
  const afterName = leftSide === 'b' ? leftLabel : rightLabel;
  return (
    <div className="flow-diff" data-testid="flow-diff">
      {view.status && (
        <p className="flow-diff-status" data-testid="flow-status">
          {view.status}
        </p>
      )}
      {view.sentences.length > 0 && (
        <section aria-label="What changed in the flow">
          <h3 className="flow-diff-heading">What changed</h3>
          <ul className="flow-diff-sentences" data-testid="flow-change-summary">
            {view.sentences.map((sentence, index) => (
              <li key={index}>{sentence}</li>
            ))}
          </ul>
        </section>
      )}
      {(view.onlyBefore.length > 0 || view.onlyAfter.length > 0) && (
        <section aria-label="References that differ" data-testid="flow-references">
          <h3 className="flow-diff-heading">References that differ</h3>
          <ul className="flow-diff-references">
            {view.onlyAfter.map((reference) => (
              <li key={`b-${reference}`}>
                <span className="change-plus" aria-hidden="true">
                  +
                </span>{' '}
                {reference} <span className="muted">only in {bName}</span>
              </li>
            ))}
            {view.onlyBefore.map((reference) => (
              <li key={`a-${reference}`}>
                <span className="change-minus" aria-hidden="true">
                  −
                </span>{' '}
                {reference} <span className="muted">only in {aName}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="flow-diff-configuration-header">
        <h3 className="flow-diff-heading">Configuration</h3>
        <div className="flow-diff-layout" role="group" aria-label="Layout of the configuration diff">
          <button
            type="button"
            aria-pressed={sideBySide}
            onClick={() => setSideBySide(true)}
            data-testid="flow-diff-side-by-side"
          >
            Side by side
          </button>
          <button
            type="button"
            aria-pressed={!sideBySide}
            onClick={() => setSideBySide(false)}
            data-testid="flow-diff-inline"
          >
            Inline
          </button>
        </div>
      </div>
      {sideBySide ? (
        <div className="diff-side-labels" aria-hidden="true">
          <span title={leftLabel}>{leftLabel}</span>
          <span title={rightLabel}>{rightLabel}</span>
        </div>
      ) : (
        <p className="flow-diff-inline-legend muted small" data-testid="flow-diff-inline-legend">
          Lines only in {beforeName} are marked −, lines only in {afterName} +.
        </p>
      )}
      <div className={sideBySide && leftSide === 'b' ? 'diff-sides-b-left' : 'diff-sides-a-left'}>
        <DiffViewer
          before={left}
          after={right}
          beforeLabel={`Configuration of ${title} in ${sideBySide ? leftLabel : beforeName}`}
          afterLabel={`Configuration of ${title} in ${sideBySide ? rightLabel : afterName}`}
          height={height}
          language="yaml"
          sideBySide={sideBySide}
        />
      </div>
    </div>
  );
}
