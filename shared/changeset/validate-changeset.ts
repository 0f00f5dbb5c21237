/**
 * Changeset validation, kept at this path for its importers; the phases live in ./validate/
 * (operation shape, requires, against the target, references, dependency order), each a file.
 */
export { validateChangeset } from './validate/validate-changeset';
export type {
  FindingCode,
  FindingSeverity,
  ValidateOptions,
  ValidationFinding,
  ValidationResult,
} from './validate/validation-state';
