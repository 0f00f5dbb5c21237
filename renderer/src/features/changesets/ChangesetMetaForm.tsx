import { useChangesetEditor } from './changeset-editor-store';
import { titleProblem } from './field-problems';

/** Title, ticket and description: what a reviewer reads first. */
export function ChangesetMetaForm() {
  const draft = useChangesetEditor((state) => state.draft);
  const editMeta = useChangesetEditor((state) => state.editMeta);
  if (!draft) return null;
  const missingTitle = titleProblem(draft.title);
  return (
    <section className="card changeset-meta">
      <div className="changeset-meta-row">
        <label className="form-field">
          <span className="form-field-label">Title</span>
          <input
            value={draft.title}
            maxLength={200}
            required
            aria-invalid={missingTitle !== null || undefined}
            aria-describedby={missingTitle === null ? undefined : 'changeset-title-error'}
            onChange={(event) => editMeta({ title: event.target.value })}
            data-testid="changeset-title-input"
          />
          {missingTitle !== null && (
            <span className="field-error" id="changeset-title-error" data-testid="changeset-title-error">
              {missingTitle}
            </span>
          )}
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
