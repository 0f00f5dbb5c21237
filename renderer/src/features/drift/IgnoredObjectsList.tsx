import { displayKey } from '../compare/flow-diff-model';
import type { IgnoredObject } from './drift-store';
import { singularTypeLabel } from '../compare/diff-model';
import { timeAgo } from '../environments/environment-format';

/** Objects whose drift is ignored, with who decided and why: the decision stays reviewable. */
export function IgnoredObjectsList({
  objects,
  onUnignore,
}: {
  objects: IgnoredObject[];
  onUnignore: (item: IgnoredObject) => void;
}) {
  return (
    <section className="card ignored-objects" aria-label="Ignored drift" data-testid="ignored-objects">
      <h2>
        Ignored drift <span className="tree-count">{objects.length}</span>
      </h2>
      {objects.length === 0 ? (
        <p className="muted small">No object of this environment is ignored.</p>
      ) : (
        <ul className="ignored-list">
          {objects.map((item) => (
            <li key={`${item.type} ${item.key}`} data-testid="ignored-object">
              <div className="ignored-what">
                <strong>{displayKey(item.type, item.key)}</strong>
                <span className="muted small">{singularTypeLabel(item.type)}</span>
              </div>
              <span className="ignored-reason">{item.reason}</span>
              <span className="muted small ignored-by">
                {item.by} · {timeAgo(item.at)}
              </span>
              <button
                type="button"
                className="link-button"
                onClick={() => onUnignore(item)}
                data-testid="unignore"
                title="Show this object's drift again at the next check"
              >
                Stop ignoring
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
