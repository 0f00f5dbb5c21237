import type { ReactNode } from 'react';
import { describeValue } from '../../../../shared/diff/describe-change';
import type { AudioSource } from '../../../../shared/model/prompt-audio';
import { AudioPlayer } from '../audio/AudioPlayer';
import { beforeAfter, formatDuration, formatSize, shortHash, type AudioFacts } from '../audio/audio-format';
import { readAudio } from '../audio/audio-read';
import { audioHeadline, type AudioChange } from './audio-change-model';
import { ChangeSentence } from './ChangeSentence';
import type { ObjectRef } from './diff-model';

/** Where each side's recordings can be read; an empty list where they cannot (a live org). */
export interface AudioSides {
  a: readonly AudioSource[];
  b: readonly AudioSource[];
}

interface AudioChangeItemProps {
  change: AudioChange;
  aName: string;
  bName: string;
  sources: AudioSides;
  onReference: (target: ObjectRef) => void;
  /** The tick, when single changes can be picked. */
  pick?: ReactNode;
  /** The side the editor above draws on the left: the players stand in the same order. */
  leftSide?: 'a' | 'b';
}

/**
 * A prompt resource's changed recording as one change: the language, what happened, length,
 * size and hash side a → side b, the resource's other differences, and a player per side. The
 * players read nothing until pressed.
 */
export function AudioChangeItem({
  change,
  aName,
  bName,
  sources,
  onReference,
  pick,
  leftSide = 'a',
}: AudioChangeItemProps) {
  const facts = (side: 'a' | 'b'): AudioFacts | null => (side === 'a' ? change.before : change.after);
  const numbers = (pickOne: (facts: AudioFacts) => string): string =>
    beforeAfter(
      change.before === null ? 'none' : pickOne(change.before),
      change.after === null ? 'none' : pickOne(change.after),
    );
  const player = (side: 'a' | 'b') => {
    const known = facts(side);
    const name = side === 'a' ? aName : bName;
    const label = `${name}'s audio${change.language === null ? '' : ` (${change.language})`}`;
    const sha256 = known?.sha256 ?? null;
    if (known === null) {
      return (
        <div className="audio-player" data-testid={`audio-side-${side}`}>
          <span className="audio-player-label">{label}</span>
          <span className="muted small">none</span>
        </div>
      );
    }
    const from = side === 'a' ? sources.a : sources.b;
    return (
      <AudioPlayer
        key={sha256 ?? side}
        label={label}
        facts={known}
        testId={`audio-side-${side}`}
        load={sha256 === null || from.length === 0 ? null : () => readAudio(from, sha256)}
        unavailable={
          from.length === 0
            ? `${name} is read from the org; snapshot it to play its audio.`
            : 'The hash is hidden by an ignore rule, so the file cannot be found.'
        }
      />
    );
  };
  return (
    // Focusable like every change, so next/previous change keys stop here too.
    <li
      className="change change-audio"
      tabIndex={-1}
      data-testid="field-change"
      data-audio-change={change.id}
    >
      {pick}
      <div className="change-sentence audio-change">
        <div data-testid="audio-change-headline">
          <code className="change-path">
            {change.language === null ? 'resource' : `resource ${change.language}`}
          </code>{' '}
          <strong>{audioHeadline(change)}</strong>
        </div>
        <dl className="audio-change-facts small" data-testid="audio-change-facts">
          <dt>Length</dt>
          <dd data-testid="audio-duration">{numbers((item) => formatDuration(item.durationSeconds))}</dd>
          <dt>Size</dt>
          <dd data-testid="audio-size">{numbers((item) => formatSize(item.bytes))}</dd>
          <dt>Hash</dt>
          <dd data-testid="audio-hash">
            <code title={`${change.before?.sha256 ?? 'none'} → ${change.after?.sha256 ?? 'none'}`}>
              {numbers((item) => shortHash(item.sha256))}
            </code>
          </dd>
        </dl>
        {change.otherChanges.length > 0 && (
          <ul className="audio-change-others small" aria-label="Other differences in this resource">
            {change.otherChanges.map((other, index) => (
              <li key={index}>
                <ChangeSentence change={other} onReference={onReference} />
              </li>
            ))}
          </ul>
        )}
        {change.resourceFields !== undefined && (
          <p className="muted small" data-testid="audio-resource-fields">
            {change.resource === 'only-b' ? `Only in ${bName}: ` : `Only in ${aName}: `}
            <span className="change-value">{describeValue(change.resourceFields)}</span>
          </p>
        )}
        <div className="audio-players">
          {player(leftSide)}
          {player(leftSide === 'a' ? 'b' : 'a')}
        </div>
      </div>
    </li>
  );
}
