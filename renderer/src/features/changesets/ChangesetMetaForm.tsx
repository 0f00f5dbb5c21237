import { useChangesetEditor } from '../../stores/changeset-editor-store';

/** Title, ticket and description: what a reviewer reads first. */
export function ChangesetMetaForm() {
  const draft = useChangesetEditor((state) => state.draft);
  const editMeta = useChangesetEditor((state) => state.editMeta);
  if (!draft) return null;
  return (
    <section className="card changeset-meta">
      <div className="changeset-meta-row">
        <label className="form-field">
          <span className="form-field-label">Title</span>
          <input
            value={draft.title}
            maxLength={200}
            onChange={(event) => editMeta({ title: event.target.value })}
            data-testid="changeset-title-input"
          />
        </label>
        <label className="form-field changeset-ticket">
          <span className="form-field-label">Ticket</span>
          <input
            value={draft.ticket}
            maxLength={200}
            onChange={(event) => editMeta({ ticket: event.target.value })}
            data-testid="changeset-ticket-input"
          />
        </label>
      </div>
      <label className="form-field">
        <span className="form-field-label">Description</span>
        <textarea
          value={draft.description}
          rows={2}
          onChange={(event) => editMeta({ description: event.target.value })}
          data-testid="changeset-description-input"
        />
      </label>
    </section>
  );
}
