import { EmptyState } from '../../components/EmptyState';

export function ChangesetsPage() {
  return (
    <>
      <h1>Changesets</h1>
      <EmptyState title="No changesets" testId="empty-changesets">
        <p>A changeset is a reviewed, environment-independent set of changes. This workspace has none yet.</p>
      </EmptyState>
    </>
  );
}
