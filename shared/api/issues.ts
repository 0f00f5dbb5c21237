/**
 * Schema issues as field messages. The translator lives in `shared/errors/schema-issues`; these
 * names stay so callers keep their imports.
 */
export {
  describeIssues,
  formatIssuePath,
  schemaFieldIssues as toFieldIssues,
  type FieldIssue,
} from '../errors/schema-issues';
