import { createContext, useContext, useEffect } from 'react';

/** What a field reports when its text is not a value it accepts. */
export interface FieldTextProblem {
  name: string;
  message: string;
  text: string;
}

/**
 * What the form's fields learn from the editor around them: the text they were left with when it
 * was invalid (so a tab or operation switch never loses it), a way to report such text (so it
 * blocks Save and shows in Validation), and whether the changeset changes them (highlighted).
 */
export interface FieldState {
  pendingText(field: string): string | undefined;
  report(field: string, problem: FieldTextProblem | null): void;
  isChanged(field: string): boolean;
}

const standalone: FieldState = {
  pendingText: () => undefined,
  report: () => undefined,
  isChanged: () => false,
};

export const FieldStateContext = createContext<FieldState>(standalone);

export function useFieldState(): FieldState {
  return useContext(FieldStateContext);
}

/**
 * Reports the field's problem whenever it changes. Unmounting does not clear it: the text is
 * still the user's, waiting to be shown again.
 */
export function useReportedProblem(field: string, problem: FieldTextProblem | null): void {
  const { report } = useFieldState();
  const message = problem?.message ?? null;
  const text = problem?.text ?? null;
  const name = problem?.name ?? null;
  useEffect(() => {
    report(field, message === null || text === null || name === null ? null : { name, message, text });
  }, [report, field, message, text, name]);
}
