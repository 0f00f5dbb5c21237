import { useEffect } from 'react';
import { formatDateTime } from '../../../../shared/format/date-time';
import { ErrorBanner } from '../../components/ErrorBanner';
import { hasUnsavedWork, isDirty, keepEditsNow, useChangesetEditor } from './changeset-editor-store';
import { useChangesetsStore } from './changesets-store';
import { useCompareStore } from '../compare/compare-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { usePromotionsStore } from '../promotions/promotions-store';
import { AuthorshipStrip } from '../trust/AuthorshipStrip';
import { PipelineView } from '../pipeline/PipelineView';
import { ChangesetHistory } from './ChangesetHistory';
import { ChangesetMetaForm } from './ChangesetMetaForm';
import { CheckPanel } from './CheckPanel';
import { DeleteChangesetDialog } from './DeleteChangesetDialog';
import { OperationEditor } from './OperationEditor';
import { OperationList } from './OperationList';
import { RestoreDraftNotice } from './RestoreDraftNotice';
import { draftBlockedReason } from './field-problems';
import { originWords } from './origin-words';
import { planPromotionSelection } from './plan-promotion-selection';
import { TargetPicker } from './TargetPicker';
import { UnsavedChangesDialog } from './UnsavedChangesDialog';

/** One changeset: its details, its operations (form, JSON and diff), its check, its history. */
export function ChangesetEditor({ id }: { id: string }) {
  const editor = useChangesetEditor();
  const { draft, saved, tab, error, notice, loading, past, future, saving, target, fieldProblems } = editor;
  const dirty = isDirty(editor);
  const unsaved = hasUnsavedWork(editor);
  const blocked = draftBlockedReason(draft?.title ?? '', fieldProblems);
  const openChangeset = useNavigationStore((state) => state.openChangeset);
  const go = useNavigationStore((state) => state.go);
  const pendingLeave = useNavigationStore((state) => state.pendingLeave);
  const { askDelete, duplicate, confirmingDelete } = useChangesetsStore();
  const previewChangeset = useCompareStore((state) => state.previewChangeset);

  useEffect(() => {
    void useChangesetEditor.getState().open(id);
  }, [id]);

  useEffect(() => {
    // Leaving with unsaved edits is the one loss undo cannot bring back: every way out asks first.
    const { setLeaveGuard } = useNavigationStore.getState();
    setLeaveGuard(() => hasUnsavedWork(useChangesetEditor.getState()));
    const warn = (event: BeforeUnloadEvent) => {
      // The edits are kept for the next start whatever the answer; the browser still asks.
      keepEditsNow();
      if (hasUnsavedWork(useChangesetEditor.getState())) {
        event.preventDefault();
        event.returnValue = '';
      }
    };
    // Ctrl+S / Cmd+S saves, as in every editor; the browser's "save page" is never what is meant here.
    const saveKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      const state = useChangesetEditor.getState();
      if (useNavigationStore.getState().pendingLeave !== null || state.saving) return;
      if (hasUnsavedWork(state)) void state.save();
    };
    window.addEventListener('beforeunload', warn);
    window.addEventListener('keydown', saveKey);
    return () => {
      setLeaveGuard(null);
      window.removeEventListener('beforeunload', warn);
      window.removeEventListener('keydown', saveKey);
    };
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
          <button type="button" className="link-button" onClick={() => openChangeset(null)}>
            ← All changesets
          </button>
          <h1 data-testid="changeset-title">{draft.title || saved.changeset.title}</h1>
          <p className="muted small">
            <code>{draft.id}</code> · by {draft.author} · {formatDateTime(draft.createdAt)}
            {draft.origin ? ` · from ${originWords(draft.origin)}` : ''} · digest{' '}
            <code data-testid="changeset-digest" title={saved.digest}>
              {saved.digest.slice(7, 19)}
            </code>
            {unsaved && (
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
          <button type="button" onClick={editor.revert} disabled={!unsaved} data-testid="revert">
            Revert
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void editor.save()}
            disabled={!dirty || saving || blocked !== null}
            aria-describedby={blocked === null ? undefined : 'save-blocked-reason'}
            aria-keyshortcuts="Control+S Meta+S"
            title={blocked ?? 'Save (Ctrl+S)'}
            data-testid="save-changeset"
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </header>
      {blocked !== null && (
        <p className="field-error save-blocked" id="save-blocked-reason" data-testid="save-blocked">
          {blocked}
        </p>
      )}
      <RestoreDraftNotice />
      {error && <ErrorBanner message={error} onDismiss={editor.dismissError} />}
      {notice && (
        <p className="info-notice" role="status" data-testid="editor-notice">
          {notice}
        </p>
      )}
      {/* Saving signs as author when this machine has a key; this shows who did, and offers it if nobody did. */}
      <AuthorshipStrip changesetId={id} digest={saved.digest} />
      {/* Issue 20: where this version stands in its signed pipeline, and advancing it. */}
      <PipelineView changesetId={id} digest={saved.digest} dirty={dirty} />
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
        <button
          type="button"
          disabled={dirty}
          title={dirty ? 'Save first: a promotion plans the saved changeset' : undefined}
          onClick={() => {
            // The target picked here is where the plan goes: the Promotions page opens on it.
            usePromotionsStore.getState().choose(planPromotionSelection(id, target));
            go('promotions');
          }}
          data-testid="plan-promotion"
        >
          Plan promotion…
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
      {pendingLeave !== null && <UnsavedChangesDialog />}
    </div>
  );
}
