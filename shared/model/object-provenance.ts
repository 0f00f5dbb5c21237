import { z } from 'zod';

/**
 * Who last changed an object in its org, and when, as the API reported it on the live read.
 * Canonical form drops these fields (they differ per org and per write), so they are taken
 * from the raw object first; null where the API does not report them for a type.
 */
export const objectProvenanceSchema = z.object({
  type: z.string(),
  key: z.string(),
  /** The API's `modifiedBy`: a user or OAuth client id, or a name where the API gives one. */
  modifiedBy: z.string().nullable(),
  /** The API's `dateModified`, ISO 8601. */
  dateModified: z.iso.datetime({ offset: true }).nullable(),
});
export type ObjectProvenance = z.infer<typeof objectProvenanceSchema>;

const MAX_TEXT = 200;

/** A bounded, printable string from an org's field, or null: the org's answer is not trusted text. */
function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return text === '' ? null : text.slice(0, MAX_TEXT);
}

function modifiedByOf(raw: unknown): string | null {
  if (typeof raw === 'string') return cleanText(raw);
  // Some endpoints answer with a reference object ({id, name}) instead of a bare id.
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    return cleanText(record.name) ?? cleanText(record.id);
  }
  return null;
}

function dateOf(raw: unknown): string | null {
  const text = cleanText(raw);
  if (text === null || !objectProvenanceSchema.shape.dateModified.safeParse(text).success) return null;
  return text;
}

/** The who and when of one raw API object; both null when the API reported neither. */
export function provenanceOf(apiObject: Record<string, unknown>): {
  modifiedBy: string | null;
  dateModified: string | null;
} {
  return { modifiedBy: modifiedByOf(apiObject.modifiedBy), dateModified: dateOf(apiObject.dateModified) };
}
