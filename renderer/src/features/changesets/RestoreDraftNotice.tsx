import { formatDateTime } from '../../../../shared/format/date-time';
import { useChangesetEditor } from './changeset-editor-store';

/** Edits kept from an earlier session (a closed window, a crash), offered back before anything else. */
export function RestoreDraftNotice() {
  const restorable = useChangesetEditor((state) => state.restorable);
  const { restoreDraft, dismissRestorable } = useChangesetEditor.getState();
  if (restorable === null) return null;
  return (
    <section
      className="info-notice warn restore-draft"
      aria-label="Unsaved edits"
      data-testid="restore-draft"
    >
      <p>
        You have unsaved edits from {formatDateTime(restorable.at)}.
        {!restorable.sameBase &&
          ' They were made on an earlier saved version: restoring them replaces what was saved since.'}
      </p>
      <div className="button-row">
        <button type="button" className="primary" onClick={restoreDraft} data-testid="restore-draft-button">
          Restore
        </button>
        <button type="button" onClick={dismissRestorable} data-testid="discard-draft-button">
          Discard
        </button>
      </div>
    </section>
  );
}
