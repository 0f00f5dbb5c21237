import './history.css';
import { useEffect } from 'react';
import { formatDateTime } from '../../../../shared/format/date-time';
import { DiffViewer } from '../../components/DiffViewer';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JsonViewer } from '../../components/JsonViewer';
import { useHistoryStore } from './history-store';
import { useWorkspaceStore } from '../../stores/workspace-store';

const CHANGE_WORDS = { added: 'added', modified: 'changed', deleted: 'deleted' } as const;

/** Every commit of the workspace; one opens into the files it changed and each file's before → after. */
export function HistoryPage() {
  const head = useWorkspaceStore((state) => state.current?.head);
  const { commits, configText, loading, error, load, opened, opening, file, openCommit, openFile } =
    useHistoryStore();

  useEffect(() => {
    void load();
  }, [load, head]);

  return (
    <>
      <h1>History</h1>
      {error && <ErrorBanner message={error} />}
      <div className="history-layout">
        <section className="card history-commits" aria-labelledby="history-commits-heading">
          <h2 id="history-commits-heading">Workspace commits</h2>
          {loading && commits.length === 0 ? (
            <p className="muted">Reading history…</p>
          ) : (
            <ol className="commit-list" data-testid="commit-list">
              {commits.map((commit) => (
                <li key={commit.oid}>
                  <button
                    type="button"
                    className="history-commit"
                    aria-current={opened?.commit === commit.oid ? 'true' : undefined}
                    onClick={() => void openCommit(commit.oid)}
                    data-testid="history-commit"
                    data-commit={commit.oid}
                  >
                    <code>{commit.oid.slice(0, 7)}</code> <span>{commit.message}</span>
                    <span className="muted small">
                      {commit.author} · {formatDateTime(commit.timestamp)}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section
          className="card"
          aria-labelledby="history-commit-heading"
          data-testid="history-commit-detail"
        >
          {opened === null ? (
            <>
              <h2 id="history-commit-heading">A commit</h2>
              <p className="muted">
                {opening !== null ? 'Opening the commit…' : 'Choose a commit to see the files it changed.'}
              </p>
            </>
          ) : (
            <>
              <h2 id="history-commit-heading">
                <code>{opened.commit.slice(0, 7)}</code> {opened.message.split('\n')[0]}
              </h2>
              <p className="muted small">
                {opened.author} · {formatDateTime(opened.timestamp)} ·{' '}
                {opened.parent === null ? 'the first commit' : `after ${opened.parent.slice(0, 7)}`} ·{' '}
                {opened.totalFiles} file{opened.totalFiles === 1 ? '' : 's'} changed
                {opened.totalFiles > opened.files.length ? ` (the first ${opened.files.length} listed)` : ''}
              </p>
              {opened.files.length === 0 ? (
                <p className="muted">This commit changed no file.</p>
              ) : (
                <ul className="history-files" aria-label="Files changed" data-testid="history-files">
                  {opened.files.map((item) => (
                    <li key={item.path}>
                      <button
                        type="button"
                        className="history-file"
                        aria-current={file?.path === item.path ? 'true' : undefined}
                        onClick={() => void openFile(item.path)}
                        data-testid="history-file"
                        data-path={item.path}
                      >
                        <span className={`history-change change-${item.change}`}>
                          {CHANGE_WORDS[item.change]}
                        </span>
                        <code>{item.path}</code>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {file && (
                <div className="readable-diff" data-testid="history-file-diff">
                  <h3>
                    <code>{file.path}</code>: before → after
                  </h3>
                  {file.tooLarge ? (
                    <p className="muted">This file is too large to show here; read it with git.</p>
                  ) : (
                    <DiffViewer
                      // One editor per file: Monaco must not diff models swapped out under it.
                      key={`${opened.commit}/${file.path}`}
                      before={file.before}
                      after={file.after}
                      height={420}
                    />
                  )}
                </div>
              )}
            </>
          )}
        </section>
      </div>
      <section className="card">
        <h2>ferry.json</h2>
        {configText !== null && <JsonViewer text={configText} height={240} />}
      </section>
    </>
  );
}
