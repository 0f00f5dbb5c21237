import type { DiffStatus } from '../../../../shared/diff/diff-types';
import { statusLabels } from './diff-model';

/** A status as a coloured word; pages that word statuses their own way pass the text. */
export function StatusBadge({ status, title, text }: { status: DiffStatus; title?: string; text?: string }) {
  return (
    <span className={`diff-status diff-${status}`} title={title} data-testid="diff-status">
      {text ?? statusLabels[status]}
    </span>
  );
}
