import { useEffect, useRef, useState } from 'react';
import { Modal } from '../../components/Modal';
import { useChangesetEditor } from './changeset-editor-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { draftBlockedReason } from './field-problems';

/**
 * Asked before anything closes the editor over unsaved work (another section, another changeset,
 * switching workspace): save it, discard it, or stay. Focus starts on "Keep editing", the choice
 * that loses nothing, and goes back to whatever was used to leave.
 */
export function UnsavedChangesDialog() {
  const title = useChangesetEditor((state) => state.draft?.title || state.saved?.changeset.title || '');
  const fieldProblems = useChangesetEditor((state) => state.fieldProblems);
  const error = useChangesetEditor((state) => state.error);
  const { save, discard } = useChangesetEditor.getState();
  const resolveLeave = useNavigationStore((state) => state.resolveLeave);
  const [saving, setSaving] = useState(false);
  const keepEditing = useRef<HTMLButtonElement>(null);
  const draftTitle = useChangesetEditor((state) => state.draft?.title ?? '');
  const blocked = draftBlockedReason(draftTitle, fieldProblems);

  useEffect(() => {
    keepEditing.current?.focus();
  }, []);

  const saveAndLeave = async () => {
    setSaving(true);
    const saved = await save();
    setSaving(false);
    if (saved) resolveLeave('proceed');
  };

  return (
    <Modal
      title={`Discard changes to ${title || 'this changeset'}?`}
      onClose={() => resolveLeave('stay')}
      testId="unsaved-changes-dialog"
      footer={
        <>
          <button
            type="button"
            ref={keepEditing}
            data-autofocus
            onClick={() => resolveLeave('stay')}
            data-testid="keep-editing"
          >
            Keep editing
          </button>
          <button
            type="button"
            className="danger-outline"
            onClick={() => {
              discard();
              resolveLeave('proceed');
            }}
            data-testid="discard-changes"
          >
            Discard
          </button>
          <button
            type="button"
            className="primary"
            disabled={blocked !== null || saving}
            aria-describedby={blocked === null ? undefined : 'unsaved-changes-blocked'}
            onClick={() => void saveAndLeave()}
            data-testid="save-and-leave"
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <p id="unsaved-changes-summary">
        <strong>{title || 'This changeset'}</strong> has edits that are not saved. Save them as a new version,
        discard them, or keep editing.
      </p>
      {blocked !== null && (
        <p className="field-error" id="unsaved-changes-blocked" data-testid="unsaved-changes-blocked">
          {blocked} Keep editing to fix it, or discard the edits.
        </p>
      )}
      {error !== null && blocked === null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
