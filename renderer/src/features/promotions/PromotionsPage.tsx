import { EmptyState } from '../../components/EmptyState';

export function PromotionsPage() {
  return (
    <>
      <h1>Promotions</h1>
      <EmptyState title="No promotions have run" testId="empty-promotions">
        <p>
          Promotions apply an approved changeset to an environment through its gates. None has run here yet.
        </p>
      </EmptyState>
    </>
  );
}
