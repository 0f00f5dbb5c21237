import type { z } from 'zod';

/**
 * Schema issues as a person reads them: "Title must be 100 characters or fewer", never zod's own
 * "Too big: expected string to have <=100 characters". Messages written by a schema's author
 * ("must be an absolute path", "a reason is required") are kept: only zod's defaults are reworded.
 */
export interface WordedIssue {
  /** Dotted path of the field, as `formatIssuePath` gives it. */
  path: string;
  /** The field as a person calls it ("Client ID", "Targets, item 2"). */
  label: string;
  /** What is wrong, to follow the label: "must be 100 characters or fewer". */
  message: string;
}

type Issue = z.core.$ZodIssue;

const ACRONYMS: Record<string, string> = { id: 'ID', ids: 'IDs', url: 'URL', uri: 'URI', json: 'JSON' };

/** zod's default messages start so; anything else was written for a person already. */
const ZOD_DEFAULT = /^(Too (big|small)|Invalid|Unrecognized)\b/;

function words(segment: string): string {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .split(' ')
    .map((word) => ACRONYMS[word] ?? word)
    .join(' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function fieldLabel(path: readonly PropertyKey[]): string {
  const named = path.filter((part): part is string => typeof part === 'string');
  const last = named[named.length - 1];
  const base = last === undefined ? 'The request' : capitalise(words(last));
  const tail = path[path.length - 1];
  return typeof tail === 'number' ? `${base}, item ${tail + 1}` : base;
}

function plural(count: number | bigint, one: string, many: string): string {
  return `${String(count)} ${Number(count) === 1 ? one : many}`;
}

function bound(issue: Issue & { maximum?: unknown; minimum?: unknown }): number | bigint | null {
  const value = issue.code === 'too_big' ? issue.maximum : issue.minimum;
  return typeof value === 'number' || typeof value === 'bigint' ? value : null;
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const limit = bound(issue);
  if (limit === null) return 'is too large';
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      return `must be ${plural(limit, 'character', 'characters')} or fewer`;
    case 'array':
    case 'set':
      return `must have ${plural(limit, 'item', 'items')} or fewer`;
    case 'number':
    case 'int':
    case 'bigint':
      return inclusive ? `must be ${String(limit)} or less` : `must be less than ${String(limit)}`;
    default:
      return 'is too large';
  }
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const limit = bound(issue);
  if (limit === null) return 'is too small';
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      return Number(limit) <= 1
        ? 'must not be empty'
        : `must be at least ${plural(limit, 'character', 'characters')}`;
    case 'array':
    case 'set':
      return `must have at least ${plural(limit, 'item', 'items')}`;
    case 'number':
    case 'int':
    case 'bigint':
      return inclusive ? `must be ${String(limit)} or more` : `must be more than ${String(limit)}`;
    default:
      return 'is too small';
  }
}

const EXPECTED: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be yes or no (true or false)',
  array: 'must be a list',
  object: 'must be a set of fields',
  date: 'must be a date',
  null: 'must be empty (null)',
};

function invalidType(issue: Extract<Issue, { code: 'invalid_type' }>): string {
  // zod reports a missing field as "received undefined"; the issue itself does not carry it.
  if (/received undefined/.test(issue.message)) return 'is required';
  return EXPECTED[issue.expected] ?? 'has the wrong kind of value';
}

const FORMATS: Record<string, string> = {
  email: 'must be an email address',
  url: 'must be a web address (URL)',
  uuid: 'must be a UUID',
  datetime: 'must be a date and time such as 2026-12-06T09:30:00Z',
  date: 'must be a date such as 2026-12-06',
  time: 'must be a time such as 09:30',
  regex: 'is not in the expected form',
  starts_with: 'does not start as expected',
  ends_with: 'does not end as expected',
};

function phrase(issue: Issue): string {
  switch (issue.code) {
    case 'too_big':
      return tooBig(issue);
    case 'too_small':
      return tooSmall(issue);
    case 'invalid_type':
      return invalidType(issue);
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'is not in the expected form';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `has a field Ferry does not know: "${issue.keys[0] ?? ''}"`
        : `has fields Ferry does not know: ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    default:
      return 'is not valid';
  }
}

export function wordIssue(issue: Issue, path: string): WordedIssue {
  const label = fieldLabel(issue.path);
  const message = ZOD_DEFAULT.test(issue.message) ? phrase(issue) : issue.message.trim();
  return { path, label, message };
}

/** "Title must be 100 characters or fewer", or the author's own sentence when it names no field. */
export function issueSentence(issue: WordedIssue): string {
  return /^(must|is|are|has|have|cannot|can't|should|needs?|does)\b/.test(issue.message)
    ? `${issue.label} ${issue.message}`
    : `${issue.label}: ${issue.message}`;
}

/** One message for a refused request: every bad field (the first few), and what to do. */
export function describeWordedIssues(issues: readonly WordedIssue[], limit = 3): string {
  const shown = issues.slice(0, limit).map(issueSentence);
  const more = issues.length > limit ? ` (and ${issues.length - limit} more)` : '';
  const them = issues.length === 1 ? 'it' : 'them';
  return `${shown.join('. ')}${more}. Correct ${them} and try again.`;
}
