/**
 * Text that holds JSON, pretty-printed: a data action's request and response templates are JSON
 * written inside a string (with `${input.id}` placeholders inside its strings), which the field
 * diff would otherwise show as one long escaped line. Undefined for text that is not a JSON object
 * or list, so ordinary text stays as it is.
 */
export function prettyJsonInText(text: string): string | undefined {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (typeof value !== 'object' || value === null) return undefined;
    return JSON.stringify(value, null, 2);
  } catch {
    return undefined;
  }
}
