import { DiffViewer } from '../../components/DiffViewer';
import type { FlowDiffView } from './flow-diff-model';

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
 * published and who holds it, then both configurations side by side as YAML.
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
  const left = leftSide === 'b' ? view.after : view.before;
  const right = leftSide === 'b' ? view.before : view.after;
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
      <h3 className="flow-diff-heading">Configuration</h3>
      <div className="diff-side-labels" aria-hidden="true">
        <span title={leftLabel}>{leftLabel}</span>
        <span title={rightLabel}>{rightLabel}</span>
      </div>
      <DiffViewer
        before={left}
        after={right}
        beforeLabel={`Configuration of ${title} in ${leftLabel}`}
        afterLabel={`Configuration of ${title} in ${rightLabel}`}
        height={height}
        language="yaml"
      />
    </div>
  );
}
