import { EmptyState } from '../../components/EmptyState';

export function ComparePage() {
  return (
    <>
      <h1>Compare</h1>
      <EmptyState title="Nothing to compare yet" testId="empty-compare">
        <p>Compare needs at least one environment snapshot. Add an environment and take a snapshot first.</p>
      </EmptyState>
    </>
  );
}
