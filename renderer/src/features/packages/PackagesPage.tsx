import { EmptyState } from '../../components/EmptyState';

export function PackagesPage() {
  return (
    <>
      <h1>Packages</h1>
      <EmptyState title="No change packages" testId="empty-packages">
        <p>
          Signed change packages carry a changeset and its approvals between teams. None exported or imported
          yet.
        </p>
      </EmptyState>
    </>
  );
}
