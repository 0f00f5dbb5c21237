/**
 * Text from the shared parameters file (or typed into it) as a reviewer may safely read it:
 * control characters (a terminal's escape sequences, carriage returns, newlines) and bidi overrides
 * shown as `\uXXXX`, so a value cannot erase itself, forge another line of a plan or a commit
 * message, or read backwards. For display only: the value written to an org is never changed.
 */
export function printableText(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
