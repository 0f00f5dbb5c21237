import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path of the offending field, `(root)` for the value itself. */
  path: string;
  message: string;
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      const text = String(part);
      return index === 0 ? text : `.${text}`;
    })
    .join('');
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/** One line naming every bad field, e.g. `path: Invalid input; name: Too big`. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
