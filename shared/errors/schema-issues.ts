import type { z } from 'zod';
import { wordIssue } from '../api/issue-wording';

/**
 * The one translator from schema issues to what a person reads: "<field path>: <plain message>"
 * per issue (`environments[2].name: required`). zod's own texts and its JSON never reach anyone;
 * messages a schema's author wrote for a person are kept.
 */
export interface FieldIssue {
  /** Path of the offending field as code writes it, `(root)` for the value itself. */
  path: string;
  message: string;
}

type SchemaIssue = z.core.$ZodIssue;

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

/**
 * An issue's message in plain words without its path ("must be 200 characters or fewer"), for a
 * sentence that names the field its own way.
 */
export function plainIssueMessage(issue: SchemaIssue): string {
  return wordIssue(issue, formatIssuePath(issue.path)).message;
}

/** One issue as a field message; "is required" reads "required" once the path names the field. */
export function translateSchemaIssue(issue: SchemaIssue): FieldIssue {
  const message = plainIssueMessage(issue).replace(/^is\s+/, '');
  return { path: formatIssuePath(issue.path), message: message === '' ? 'not valid' : message };
}

/** Every issue of a failed parse, translated. */
export function schemaFieldIssues(error: z.ZodError | readonly SchemaIssue[]): FieldIssue[] {
  const issues = 'issues' in error ? error.issues : error;
  return issues.map(translateSchemaIssue);
}

/** One line naming every bad field, e.g. `environments[2].name: required; tier: must be one of …`. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}

/** The first issue alone, for a message with room for one: `targets[0]: must not be empty`. */
export function firstSchemaIssue(error: z.ZodError | readonly SchemaIssue[]): string {
  const [first] = schemaFieldIssues(error);
  return first === undefined ? '(root): not valid' : describeIssues([first]);
}
