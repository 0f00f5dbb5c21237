import type { DiffStatus } from '../../../../shared/diff/diff-types';
import { statusLabels } from './diff-model';

export function StatusBadge({ status, title }: { status: DiffStatus; title?: string }) {
  return (
    <span className={`diff-status diff-${status}`} title={title} data-testid="diff-status">
      {statusLabels[status]}
    </span>
  );
}
