import { z } from 'zod';

/**
 * A parameter's name: an identifier (`billingCallingNumber`, `crm_api_url`). No dots, slashes or
 * other path characters: names are keys in a shared file, parts of vault entries and of the
 * pipeline variable `FERRY_PARAM_<ENV>_<NAME>`, and a name that looked like a path could be
 * taken for one.
 */
export const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export const parameterNameSchema = z
  .string()
  .regex(
    PARAMETER_NAME,
    'a parameter name starts with a letter and uses only letters, digits and _ (no dots, slashes or spaces), at most 64 characters',
  );

export function parameterNameProblem(name: string): string | null {
  const parsed = parameterNameSchema.safeParse(name);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'not a valid parameter name');
}

/** The pipeline variable that gives a secret parameter to a headless run: `FERRY_PARAM_PROD_CRM_TOKEN`. */
export function secretParameterVariable(environment: string, name: string): string {
  const part = (text: string) => text.replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
  return `FERRY_PARAM_${part(environment)}_${part(name)}`;
}
