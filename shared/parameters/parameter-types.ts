import { z } from 'zod';
import { isCanonicalReference, REFERENCE_MARKER } from '../model/canonical/canonical-reference';
import { isJsonObject, type JsonValue } from '../model/canonical/json-value';
import { isReferenceTargetType } from '../model/object-types/registry';

/**
 * What a parameter may hold (issue 15). Each type checks its value where the value enters (the
 * CLI, the Parameters tab, the parameters file), so a plan never meets "+44 (0) 20…" where an
 * E.164 number was promised. A secret holds no value here: it lives in the vault.
 */
export const parameterTypes = [
  'string',
  'number',
  'boolean',
  'phone',
  'email',
  'url',
  'reference',
  'secret',
] as const;
export const parameterTypeSchema = z.enum(parameterTypes);
export type ParameterType = z.infer<typeof parameterTypeSchema>;

export const parameterTypeLabels: Readonly<Record<ParameterType, string>> = {
  string: 'text',
  number: 'number',
  boolean: 'true or false',
  phone: 'phone number (E.164)',
  email: 'email address',
  url: 'URL',
  reference: 'reference to an object',
  secret: 'secret (kept in the vault)',
};

/** `+` then 2–15 digits, the first not 0: the form Genesys Cloud stores calling numbers in. */
const E164 = /^\+[1-9][0-9]{1,14}$/;
/** One @, no spaces, a dotted domain: the shape Genesys accepts for outbound addresses. */
const EMAIL =
  /^[^\s@]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

const MAX_TEXT = 4096;
const MIN_SECRET = 8;

/** A reference parameter's value: the canonical `{"$ref": type, "name": …}` a changeset would hold. */
export const referenceValueSchema = z
  .object({ [REFERENCE_MARKER]: z.string(), name: z.string().min(1).max(512) })
  .strict()
  .refine((value) => isReferenceTargetType(value[REFERENCE_MARKER]), {
    message: 'names an object type Ferry does not know',
  });

/** Why `value` cannot be a value of `type`, or null when it can. */
export function parameterValueProblem(type: ParameterType, value: unknown): string | null {
  switch (type) {
    case 'string':
      return typeof value === 'string' && value.length <= MAX_TEXT
        ? null
        : `must be text of at most ${MAX_TEXT} characters`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'phone':
      return typeof value === 'string' && E164.test(value)
        ? null
        : 'must be a phone number in E.164 form: + then the country code and number, digits only (e.g. +442079460000)';
    case 'email':
      return typeof value === 'string' && value.length <= 254 && EMAIL.test(value)
        ? null
        : 'must be an email address such as billing@example.com';
    case 'url':
      return typeof value === 'string' && isWebUrl(value)
        ? null
        : 'must be an http or https URL such as https://api.example.com/v1';
    case 'reference': {
      if (!isJsonObject(value))
        return 'must be a reference written <type>:<name>, e.g. authorization.division:Customer Care';
      const parsed = referenceValueSchema.safeParse(value);
      return parsed.success
        ? null
        : `must name a known object type and a name (${parsed.error.issues[0]?.message ?? 'not valid'})`;
    }
    // Ferry hides a secret by replacing its exact text wherever an org returns it: a short value
    // ("1234") would be hidden in unrelated fields too, and show a reader where it occurs.
    case 'secret':
      return typeof value === 'string' && value.length >= MIN_SECRET && value.length <= MAX_TEXT
        ? null
        : `must be ${MIN_SECRET} to ${MAX_TEXT} characters (a short value is no secret, and would be hidden wherever the same text appears)`;
  }
}

function isWebUrl(text: string): boolean {
  if (text.length > 2048 || /\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export type ParsedValue = { ok: true; value: JsonValue } | { ok: false; problem: string };

/**
 * A value typed by a person (the CLI argument, the Parameters tab's field) as a value of `type`:
 * numbers and booleans from their text, a reference from `<type>:<name>`.
 */
export function parseParameterText(type: ParameterType, text: string): ParsedValue {
  let value: JsonValue = text;
  if (type === 'number') {
    value = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/.test(text.trim())
      ? Number(text.trim())
      : NaN;
  } else if (type === 'boolean') {
    const word = text.trim().toLowerCase();
    value = word === 'true' ? true : word === 'false' ? false : text;
  } else if (type === 'reference') {
    const colon = text.indexOf(':');
    value =
      colon > 0
        ? { [REFERENCE_MARKER]: text.slice(0, colon).trim(), name: text.slice(colon + 1).trim() }
        : text;
  }
  const problem = parameterValueProblem(type, value);
  return problem === null ? { ok: true, value } : { ok: false, problem };
}

/** A value as a person reads it: `authorization.division:Customer Care`, `+4420…`, `true`. */
export function formatParameterValue(value: JsonValue): string {
  if (isCanonicalReference(value) && typeof value.name === 'string')
    return `${value[REFERENCE_MARKER]}:${value.name}`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
