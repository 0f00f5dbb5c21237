/** The change-control document as Markdown, the text a change board files. */
export function ChangeControlPreview({ markdown, testId }: { markdown: string; testId: string }) {
  return (
    <pre className="change-control" data-testid={testId} tabIndex={0}>
      {markdown}
    </pre>
  );
}

/** The document the plan would file, below the run so progress stays in view after Promote. */
export function PlanDocument({ markdown }: { markdown: string }) {
  return (
    <section className="card">
      <h2>Change-control document (preview)</h2>
      <p className="muted small">Completed with the execution and written beside the run when it ends.</p>
      <ChangeControlPreview markdown={markdown} testId="change-control-preview" />
    </section>
  );
}
