import { formatDateTime } from '../../../../shared/format/date-time';
import { DiffViewer } from '../../components/DiffViewer';
import { useChangesetEditor } from './changeset-editor-store';

/** Every saved version (one commit each), and what changed from the version before. */
export function ChangesetHistory() {
  const history = useChangesetEditor((state) => state.history);
  const versionDiff = useChangesetEditor((state) => state.versionDiff);
  const showVersion = useChangesetEditor((state) => state.showVersion);
  return (
    <div className="changeset-history">
      <section className="card">
        <h2>Versions</h2>
        <ol className="commit-list" data-testid="changeset-history">
          {history.map((version) => (
            <li
              key={version.commit}
              className={versionDiff?.commit === version.commit ? 'selected' : undefined}
            >
              <button
                type="button"
                className="link-button"
                onClick={() => void showVersion(version.commit)}
                data-testid="changeset-version"
              >
                <code>{version.commit.slice(0, 7)}</code> {version.message}
              </button>{' '}
              <span className="muted small">
                {version.author} · {formatDateTime(version.at)}
                {version.digest ? ` · ${version.digest.slice(7, 19)}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </section>
      {versionDiff && (
        <section className="card readable-diff" data-testid="changeset-version-diff">
          <h2>Changes in {versionDiff.commit.slice(0, 7)}</h2>
          <DiffViewer
            key={versionDiff.commit}
            before={versionDiff.before}
            after={versionDiff.after}
            height={420}
          />
        </section>
      )}
    </div>
  );
}
