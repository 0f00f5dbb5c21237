import { errorEntryFor, type ErrorClass } from '../../../shared/errors/error-registry';

/** DESIGN §8: what a pipeline can branch on. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  badInput: 2,
  refused: 3,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Each class of failure the error registry declares, as the exit code a pipeline sees. */
export const EXIT_CODE_BY_CLASS: Readonly<Record<ErrorClass, ExitCodeValue>> = {
  'bad-input': ExitCode.badInput,
  refused: ExitCode.refused,
  failed: ExitCode.failed,
};

/** The exit code for a failure's code; one the registry does not know is a plain failure. */
export function exitCodeFor(errorCode: string): ExitCodeValue {
  return EXIT_CODE_BY_CLASS[errorEntryFor(errorCode).class];
}
