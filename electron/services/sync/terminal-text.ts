/**
 * Text that reaches a terminal after a pull is partly a teammate's (changeset titles, names,
 * file contents in `ferry conflicts`). Control characters in it would be obeyed by the terminal:
 * an escape sequence could erase the "Did not verify" line above it, recolour, or retitle the
 * window. Every control character but the line breaks Ferry's own text uses is shown escaped
 * (`\u001b`) instead.
 */
export function terminalSafe(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = (code < 0x20 && char !== '\n') || (code >= 0x7f && code <= 0x9f);
    out += control ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return out;
}
