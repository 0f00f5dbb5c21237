import { useState } from 'react';
import type { ConflictChoice, SyncConflict } from '../../../../shared/sync/sync-wire';
import { DiffViewer } from '../../components/DiffViewer';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import {
  CHOICE_EXPLANATIONS,
  CHOICE_WORDS,
  conflictName,
  everyConflictChosen,
  staleApprovalWarning,
} from './sync-model';
import { useSyncStore } from './sync-store';

/**
 * Files both this workspace and the remote changed: each side by side, a choice per file (mine,
 * theirs, or for a changeset both), and what each choice does to approvals, before anything is merged.
 */
export function ConflictDialog() {
  const conflicts = useSyncStore((state) => state.conflicts) ?? [];
  const loading = useSyncStore((state) => state.conflictsLoading);
  const conflictError = useSyncStore((state) => state.conflictError);
  const resolving = useSyncStore((state) => state.transfer?.operation === 'resolve');
  const close = useSyncStore((state) => state.closeConflicts);
  const resolve = useSyncStore((state) => state.resolve);
  // Choices belong to the listing they were made on: when the remote moved and the conflicts were
  // read again, nothing chosen against the old versions carries over.
  const listedAt = conflicts[0]?.theirsCommit ?? null;
  const [choices, setChoices] = useState<{ at: string | null; chosen: Record<string, ConflictChoice> }>({
    at: listedAt,
    chosen: {},
  });
  const chosen = choices.at === listedAt ? choices.chosen : {};
  const [openPath, setOpenPath] = useState<string | null>(null);
  const shown = conflicts.find((conflict) => conflict.path === openPath) ?? conflicts[0] ?? null;
  const ready = conflicts.length > 0 && everyConflictChosen(conflicts, chosen);

  return (
    <Modal
      title="Conflicts with the remote"
      onClose={close}
      testId="conflict-dialog"
      wide
      footer={
        <>
          <button type="button" onClick={close} disabled={resolving}>
            Close
          </button>
          <button
            type="button"
            className="primary"
            disabled={!ready || resolving}
            onClick={() => void resolve(chosen)}
            data-testid="conflict-resolve"
          >
            {resolving ? 'Resolving…' : 'Resolve and pull'}
          </button>
        </>
      }
    >
      {conflictError !== null && <ErrorBanner message={conflictError} />}
      {loading ? (
        <p className="muted">Reading the conflicts…</p>
      ) : conflicts.length === 0 ? (
        <p data-testid="conflict-none">
          No conflicts: this workspace and the remote did not change the same files. Pull to bring in what is
          new.
        </p>
      ) : (
        <div className="conflict-layout">
          <p>
            You and a teammate both changed{' '}
            {conflicts.length === 1 ? 'this file' : `these ${conflicts.length} files`}. Nothing was merged;
            choose what to keep for each, then resolve.
          </p>
          <ul className="conflict-list" aria-label="Conflicting files">
            {conflicts.map((conflict) => (
              <li key={conflict.path}>
                <button
                  type="button"
                  className={conflict.path === shown?.path ? 'conflict-item active' : 'conflict-item'}
                  aria-current={conflict.path === shown?.path ? 'true' : undefined}
                  onClick={() => setOpenPath(conflict.path)}
                  data-testid="conflict-item"
                  data-path={conflict.path}
                >
                  <strong>{conflictName(conflict)}</strong>
                  <span className="muted small">
                    {chosen[conflict.path] !== undefined
                      ? CHOICE_WORDS[chosen[conflict.path] as ConflictChoice]
                      : 'not chosen yet'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {shown !== null && (
            <ConflictDetail
              key={shown.path}
              conflict={shown}
              choice={chosen[shown.path] ?? null}
              onChoose={(choice) => setChoices({ at: listedAt, chosen: { ...chosen, [shown.path]: choice } })}
            />
          )}
        </div>
      )}
    </Modal>
  );
}

function ConflictDetail({
  conflict,
  choice,
  onChoose,
}: {
  conflict: SyncConflict;
  choice: ConflictChoice | null;
  onChoose: (choice: ConflictChoice) => void;
}) {
  const warning = choice !== null ? staleApprovalWarning(conflict, choice) : null;
  return (
    <div className="conflict-detail" data-testid="conflict-detail" data-path={conflict.path}>
      <h3>
        {conflictName(conflict)}{' '}
        {conflict.title !== null && <code className="muted small">{conflict.path}</code>}
      </h3>
      <div className="conflict-sides">
        <ApprovalsOf
          side="Yours (this workspace)"
          approvals={conflict.approvals.mine}
          deleted={conflict.mine === null}
          testId="conflict-mine"
        />
        <ApprovalsOf
          side="Theirs (the remote)"
          approvals={conflict.approvals.theirs}
          deleted={conflict.theirs === null}
          testId="conflict-theirs"
        />
      </div>
      <DiffViewer
        before={conflict.mine}
        after={conflict.theirs}
        height={300}
        beforeLabel="Yours"
        afterLabel="Theirs"
      />
      <fieldset className="conflict-choices">
        <legend>Keep</legend>
        {conflict.choices.map((option) => (
          <label key={option} className="conflict-choice">
            <input
              type="radio"
              name={`conflict-choice-${conflict.path}`}
              value={option}
              checked={choice === option}
              onChange={() => onChoose(option)}
              data-testid={`conflict-choice-${option}`}
            />
            <span>
              <strong>{CHOICE_WORDS[option]}</strong>{' '}
              <span className="muted">{CHOICE_EXPLANATIONS[option]}</span>
            </span>
          </label>
        ))}
        {conflict.kind !== 'changeset' && (
          <p className="muted small">
            Only a changeset can be kept both ways; this file is one or the other.
          </p>
        )}
      </fieldset>
      {warning !== null && (
        <p className="warning-text" role="alert" data-testid="conflict-stale-warning">
          {warning}
        </p>
      )}
    </div>
  );
}

function ApprovalsOf({
  side,
  approvals,
  deleted,
  testId,
}: {
  side: string;
  approvals: readonly string[];
  deleted: boolean;
  testId: string;
}) {
  return (
    <div className="conflict-side" data-testid={testId}>
      <strong>{side}</strong>
      <span className="muted small">
        {deleted
          ? 'deleted this file'
          : approvals.length === 0
            ? 'no approvals'
            : `approved by ${approvals.join(', ')}`}
      </span>
    </div>
  );
}
