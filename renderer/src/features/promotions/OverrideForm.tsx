import { useState, type FormEvent } from 'react';
import { usePromotionsStore } from './promotions-store';

/** The emergency path: a reason on the record lets a failed gate through, if the policy allows it. */
export function OverrideForm({ allowed, unused = false }: { allowed: boolean; unused?: boolean }) {
  const active = usePromotionsStore((state) => state.overrideReason);
  const planning = usePromotionsStore((state) => state.planning);
  const plan = usePromotionsStore((state) => state.plan);
  const [reason, setReason] = useState(active ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void plan(reason);
  };
  return (
    <form className="override-form" onSubmit={submit}>
      <div className="input-row">
        <input
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="Reason, e.g. INC-4411: outage fix cannot wait for the window"
          aria-label="Emergency override reason"
          maxLength={1000}
          data-testid="override-reason"
        />
        <button type="submit" disabled={reason.trim() === '' || planning} data-testid="plan-with-override">
          Plan with override
        </button>
        {active !== null && (
          <button
            type="button"
            disabled={planning}
            onClick={() => {
              setReason('');
              void plan(null);
            }}
          >
            Drop override
          </button>
        )}
      </div>
      <p className="muted small">
        {!allowed
          ? 'This environment’s policy does not allow overrides: the override gate will fail.'
          : active !== null && unused
            ? ''
            : 'Used only when a gate fails: then recorded in the audit log and the change-control document with your name, and it opens a follow-up.'}
        {active !== null && (
          <>
            {' '}
            <strong data-testid="override-active">Planned with override: “{active}”.</strong>
            {/* Only a failed gate uses an override (and opens a follow-up): say when none did. */}
            {unused && (
              <span data-testid="override-unused">
                {' '}
                Every gate passes without it, so it is not used: no override is recorded and no follow-up
                opens.
              </span>
            )}
          </>
        )}
      </p>
    </form>
  );
}
