import { ChangeControlDocument } from './ChangeControlDocument';

/** The document the plan would file, below the run so progress stays in view after Promote. */
export function PlanDocument({ markdown }: { markdown: string }) {
  return (
    <section className="card" aria-labelledby="plan-document-title">
      <h2 id="plan-document-title">Change-control document (preview)</h2>
      <p className="muted small">Completed with the execution and written beside the run when it ends.</p>
      <ChangeControlDocument
        markdown={markdown}
        testId="change-control-preview"
        label="Change-control document (preview)"
      />
    </section>
  );
}
