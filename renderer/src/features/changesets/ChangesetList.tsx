import { useEffect, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../../shared/format/date-time';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useChangesetsStore } from './changesets-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { matchesChangesetSearch } from './changeset-status';
import { DeleteChangesetDialog } from './DeleteChangesetDialog';

export function ChangesetList() {
  const head = useWorkspaceStore((state) => state.current?.head);
  const {
    items,
    standings,
    search,
    setSearch,
    loading,
    error,
    load,
    create,
    duplicate,
    askDelete,
    confirmingDelete,
    dismissError,
  } = useChangesetsStore();
  const shown = items.filter((item) => matchesChangesetSearch(item, standings[item.id], search));
  const openChangeset = useNavigationStore((state) => state.openChangeset);
  const [title, setTitle] = useState('');
  const [ticket, setTicket] = useState('');

  useEffect(() => {
    void load();
  }, [load, head]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create({ title, ...(ticket.trim() ? { ticket: ticket.trim() } : {}) }).then((done) => {
      if (done) {
        setTitle('');
        setTicket('');
      }
    });
  };

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Changesets</h1>
          <p className="muted page-intro">
            Reusable, environment-independent changes: picked from a compare or built by hand, checked against
            a target, then planned and promoted. Every save is a commit.
          </p>
        </div>
      </header>
      {error && <ErrorBanner message={error} onDismiss={dismissError} />}
      <form className="card changeset-new" onSubmit={submit} data-testid="new-changeset-form">
        <h2>New changeset</h2>
        <div className="input-row">
          <input
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="Title, e.g. Raise ACW timeout on billing queues"
            aria-label="Title"
            data-testid="new-changeset-title-input"
          />
          <input
            value={ticket}
            onChange={(event) => setTicket(event.target.value)}
            placeholder="Ticket (optional)"
            aria-label="Ticket"
            className="changeset-ticket-input"
          />
          <button
            type="submit"
            className="primary"
            disabled={title.trim() === ''}
            data-testid="create-changeset"
          >
            Create
          </button>
        </div>
        <p className="muted small">Or pick differences in Compare and choose “Add to changeset”.</p>
      </form>
      {!loading && items.length === 0 && (
        <EmptyState title="No changesets" testId="empty-changesets">
          <p>
            A changeset is a reviewed, environment-independent set of changes. This workspace has none yet.
          </p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="changeset-list-tools">
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Search title, ticket, author, status…"
            aria-label="Search changesets"
            data-testid="changeset-search"
          />
          <span className="muted small" role="status" data-testid="changeset-search-count">
            {search.trim() === ''
              ? `${items.length} changeset${items.length === 1 ? '' : 's'}`
              : `${shown.length} of ${items.length} changeset${items.length === 1 ? '' : 's'}`}
          </span>
        </div>
      )}
      {items.length > 0 && shown.length === 0 && (
        <p className="muted" data-testid="changeset-search-empty">
          No changeset matches “{search}”. Clear the search to see them all.
        </p>
      )}
      {shown.length > 0 && (
        <table className="changeset-table" data-testid="changeset-list">
          <thead>
            <tr>
              <th>Title</th>
              <th>Status</th>
              <th>Ticket</th>
              <th>Operations</th>
              <th>Author</th>
              <th>Created</th>
              <th>Digest</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => (
              <tr key={item.id} data-testid="changeset-row" data-changeset={item.id}>
                <td>
                  {item.problem ? (
                    <span className="changeset-problem" title={item.problem}>
                      <strong>{item.id}</strong> — unusable: {item.problem}
                    </span>
                  ) : (
                    <button type="button" className="link-button" onClick={() => openChangeset(item.id)}>
                      {item.title}
                    </button>
                  )}
                  <div className="muted small">
                    <code>{item.id}</code>
                  </div>
                </td>
                <td data-testid="changeset-status">
                  {standings[item.id] ? (
                    <span className={`changeset-status status-${standings[item.id]?.status ?? 'draft'}`}>
                      {standings[item.id]?.text}
                    </span>
                  ) : (
                    <span className="muted">{item.problem ? 'unusable' : '…'}</span>
                  )}
                </td>
                <td>{item.ticket || '—'}</td>
                <td>{item.operations}</td>
                <td>{item.author ?? '—'}</td>
                <td>{item.createdAt ? formatDateTime(item.createdAt) : '—'}</td>
                <td>
                  <code title={item.digest ?? ''}>{item.digest?.slice(7, 19) ?? '—'}</code>
                </td>
                <td>
                  <div className="changeset-actions">
                    <button
                      type="button"
                      disabled={item.problem !== null}
                      onClick={() => void duplicate(item.id)}
                    >
                      Duplicate
                    </button>
                    <button type="button" className="danger-outline" onClick={() => askDelete(item.id)}>
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirmingDelete !== null && <DeleteChangesetDialog />}
    </>
  );
}
