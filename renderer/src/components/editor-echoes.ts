/** Reported texts remembered as pending echoes: a burst of typing, not a history. */
const ECHOES_KEPT = 200;

/**
 * The texts an editor reported that its caller may still hand back as its `text` prop. React runs
 * the effect that applies the prop after a render, and fast typing gets keystrokes in between: an
 * echo of an older report taken for a change from elsewhere would put older text over newer and
 * throw the cursor to the start. Props arrive in the order they were reported, so an echo also
 * settles every report before it; any other text is a real change from elsewhere (undo in the
 * changeset, a restored draft) and forgets them all. `keyOf` says when two texts are the same
 * (for JSON: the same value, however it is laid out).
 */
export class EditorEchoes {
  private readonly pending: string[] = [];

  constructor(private readonly keyOf: (text: string) => string = (text) => text) {}

  /** The editor reported `text` to its caller. */
  reported(text: string): void {
    this.pending.push(this.keyOf(text));
    if (this.pending.length > ECHOES_KEPT) this.pending.shift();
  }

  /** Whether `text`, arriving as the prop, is an echo of a report (then it is settled, with those before it). */
  isEcho(text: string): boolean {
    const at = this.pending.indexOf(this.keyOf(text));
    if (at < 0) {
      this.pending.length = 0;
      return false;
    }
    this.pending.splice(0, at + 1);
    return true;
  }

  /** Whether the editor holds `shown` already says `text` (so setting it would only move the cursor). */
  same(shown: string, text: string): boolean {
    return shown === text || this.keyOf(shown) === this.keyOf(text);
  }
}
