import { Modal } from '../../components/Modal';
import { useChangesetsStore } from './changesets-store';

/** Deleting is a commit like any other (history keeps it), but it still asks first. */
export function DeleteChangesetDialog() {
  const { confirmingDelete, askDelete, confirmDelete, items } = useChangesetsStore();
  const item = items.find((candidate) => candidate.id === confirmingDelete);
  return (
    <Modal
      title="Delete changeset?"
      onClose={() => askDelete(null)}
      testId="delete-changeset-dialog"
      footer={
        <>
          <button type="button" onClick={() => askDelete(null)}>
            Keep it
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => void confirmDelete()}
            data-testid="confirm-delete-changeset"
          >
            Delete
          </button>
        </>
      }
    >
      <p>
        <strong>{item?.title ?? confirmingDelete}</strong> ({item?.operations ?? 0} operations) will be
        removed from the workspace in a commit of its own. Its history stays in git.
      </p>
    </Modal>
  );
}
