import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { isDirty, useChangesetEditor } from '../../stores/changeset-editor-store';
import { useChangesetsStore } from '../../stores/changesets-store';
import { useCompareStore } from '../../stores/compare-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { AuthorshipStrip } from '../trust/AuthorshipStrip';
import { ChangesetHistory } from './ChangesetHistory';
import { ChangesetMetaForm } from './ChangesetMetaForm';
import { CheckPanel } from './CheckPanel';
import { DeleteChangesetDialog } from './DeleteChangesetDialog';
import { OperationEditor } from './OperationEditor';
import { OperationList } from './OperationList';
import { TargetPicker } from './TargetPicker';

/** One changeset: its details, its operations (form, JSON and diff), its check, its history. */
export function ChangesetEditor({ id }: { id: string }) {
  const editor = useChangesetEditor();
  const { draft, saved, tab, error, notice, loading, past, future, saving, target } = editor;
  const dirty = isDirty(editor);
  const openChangeset = useNavigationStore((state) => state.openChangeset);
  const { askDelete, duplicate, confirmingDelete } = useChangesetsStore();
  const previewChangeset = useCompareStore((state) => state.previewChangeset);

  useEffect(() => {
    void useChangesetEditor.getState().open(id);
  }, [id]);

  useEffect(() => {
    // Leaving with unsaved edits is the one loss undo cannot bring back.
    const warn = (event: BeforeUnloadEvent) => {
      if (isDirty(useChangesetEditor.getState())) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  if (!draft || !saved) {
    return (
      <>
        <button type="button" className="link-button" onClick={() => openChangeset(null)}>
          ← All changesets
        </button>
        {error && <ErrorBanner message={error} />}
        {loading && <p className="muted">Opening the changeset…</p>}
      </>
    );
  }

  return (
    <div className="changeset-editor" data-testid="changeset-editor" data-changeset={id}>
      <header className="page-header">
        <div>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (!dirty || window.confirm('Leave without saving? Unsaved edits are lost.'))
                openChangeset(null);
            }}
          >
            ← All changesets
          </button>
          <h1 data-testid="changeset-title">{draft.title}</h1>
          <p className="muted small">
            <code>{draft.id}</code> · by {draft.author} · {new Date(draft.createdAt).toLocaleString()}
            {draft.origin ? ` · from ${draft.origin}` : ''} · digest{' '}
            <code data-testid="changeset-digest" title={saved.digest}>
              {saved.digest.slice(7, 19)}
            </code>
            {dirty && (
              <strong className="changeset-dirty" data-testid="changeset-dirty">
                {' '}
                · unsaved changes
              </strong>
            )}
          </p>
        </div>
        <div className="button-row">
          <button type="button" onClick={editor.undo} disabled={past.length === 0} data-testid="undo">
            Undo
          </button>
          <button type="button" onClick={editor.redo} disabled={future.length === 0} data-testid="redo">
            Redo
          </button>
          <button type="button" onClick={editor.revert} disabled={!dirty}>
            Revert
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void editor.save()}
            disabled={!dirty || saving}
            data-testid="save-changeset"
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </header>
      {error && <ErrorBanner message={error} onDismiss={editor.dismissError} />}
      {notice && (
        <p className="info-notice" role="status" data-testid="editor-notice">
          {notice}
        </p>
      )}
      {/* Saving signs as author when this machine has a key; this shows who did, and offers it if nobody did. */}
      <AuthorshipStrip changesetId={id} digest={saved.digest} />
      <div className="changeset-toolbar">
        <TargetPicker />
        <button
          type="button"
          disabled={target === null || dirty}
          title={dirty ? 'Save first: the preview reads the saved changeset' : undefined}
          onClick={() => target && void previewChangeset(id, target)}
          data-testid="preview-changeset"
        >
          Preview on {target ?? '…'}
        </button>
        <button type="button" onClick={() => void duplicate(id)}>
          Duplicate
        </button>
        <button type="button" className="danger-outline" onClick={() => askDelete(id)}>
          Delete
        </button>
        <div className="changeset-tabs" role="tablist">
          {(['edit', 'history'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className={tab === name ? 'tab active' : 'tab'}
              onClick={() => editor.setTab(name)}
              data-testid={`changeset-tab-${name}`}
            >
              {name === 'edit' ? 'Edit' : 'History'}
            </button>
          ))}
        </div>
      </div>
      {tab === 'history' ? (
        <ChangesetHistory />
      ) : (
        <>
          <ChangesetMetaForm />
          <div className="changeset-workbench">
            <OperationList />
            <OperationEditor />
          </div>
          <CheckPanel />
        </>
      )}
      {confirmingDelete !== null && <DeleteChangesetDialog />}
    </div>
  );
}
