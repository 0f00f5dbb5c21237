import { EmptyState } from '../../components/EmptyState';

export function EnvironmentsPage() {
  return (
    <>
      <h1>Environments</h1>
      <EmptyState title="No environments yet" testId="empty-environments">
        <p>
          Environments are the orgs Ferry reads and writes: Dev, UAT, Prod. Connecting Genesys Cloud orgs and
          the built-in sandbox orgs arrives with the environments release; until then this workspace holds
          none.
        </p>
      </EmptyState>
    </>
  );
}
