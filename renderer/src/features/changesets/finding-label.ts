import type { Changeset } from '../../../../shared/model/changeset';
import { fieldLabel } from '../../../../shared/api/issue-wording';

/**
 * The field a validation finding is about, in words ("Configuration", "Rows, item 2 › Notes"),
 * for the link in Validation. A finding's path is the changeset's own
 * (`operations[0].changes[0].after`): exact, but it names the change's slot, not the field a person
 * edits, so the field is read from the operation it points at. The raw path stays as the title.
 */
export function findingFieldLabel(path: string, operations: Changeset['operations']): string {
  const match = /^operations\[(\d+)\](.*)$/.exec(path);
  if (match === null) return path;
  const operation = operations[Number(match[1])];
  const rest = segments(match[2] ?? '');
  if (operation === undefined || rest.length === 0) return path;
  const [head, index, side] = rest;
  if (head === 'changes' && typeof index === 'number' && operation.op === 'update') {
    const change = operation.changes[index];
    if (change === undefined) return path;
    const label = words(segments(change.path));
    return side === 'before' ? `${label} (its value before)` : label;
  }
  if (head === 'body') return rest.length === 1 ? 'The whole object' : words(rest.slice(1));
  if (head === 'key') return 'Name';
  return words(rest);
}

/** `.body.rows[1].Notes` → `['body', 'rows', 1, 'Notes']`; `a.b` → `['a', 'b']`. */
function segments(text: string): (string | number)[] {
  const found: (string | number)[] = [];
  for (const part of text.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    if (part[1] !== undefined) found.push(Number(part[1]));
    else if (part[2] !== undefined) found.push(part[2]);
  }
  return found;
}

/** Each named level in words, joined by ›, the last one's item number kept: `Rows, item 2 › Notes`. */
function words(path: readonly (string | number)[]): string {
  const levels: string[] = [];
  path.forEach((part, position) => {
    if (typeof part === 'number') return;
    const next = path[position + 1];
    levels.push(fieldLabel(typeof next === 'number' ? [part, next] : [part]));
  });
  return levels.length === 0 ? 'The whole object' : levels.join(' › ');
}
