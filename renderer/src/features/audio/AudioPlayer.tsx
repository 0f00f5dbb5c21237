import './audio.css';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/ferry-client';
import { describeAudio, type AudioFacts } from './audio-format';
import type { LoadedAudio } from './audio-read';

interface AudioPlayerProps {
  /** Whose recording, for the button and the player's accessible name: "dev's audio (en-us)". */
  label: string;
  facts: AudioFacts;
  /** Reads the bytes; called only when the person asks to play, never for every row up front. */
  load: (() => Promise<LoadedAudio>) | null;
  /** Why it cannot be played, when `load` is null. */
  unavailable?: string;
  testId?: string;
}

type PlayerState =
  | { step: 'idle' }
  | { step: 'loading' }
  | { step: 'ready'; url: string; bytes: number }
  | { step: 'failed'; message: string };

/**
 * One recording: its length, size and hash in words, and a Play button that reads the file and
 * puts a native `<audio controls>` in its place (keyboard and screen reader support come with it).
 */
export function AudioPlayer({ label, facts, load, unavailable, testId = 'audio-player' }: AudioPlayerProps) {
  const [state, setState] = useState<PlayerState>({ step: 'idle' });
  const url = state.step === 'ready' ? state.url : null;
  const audioRef = useRef<HTMLAudioElement>(null);
  // A read that ends after the player is gone (its row re-keyed to another hash, the page left)
  // must not make an object URL: no cleanup would ever revoke it, and the Blob would stay alive.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  // The Blob lives as long as the player shows it.
  useEffect(() => (url === null ? undefined : () => URL.revokeObjectURL(url)), [url]);
  // The Play button gives way to the player: focus follows, so a keyboard user keeps their place.
  useEffect(() => {
    if (url !== null) audioRef.current?.focus();
  }, [url]);

  const play = async () => {
    if (load === null) return;
    setState({ step: 'loading' });
    try {
      const loaded = await load();
      if (!mounted.current) return;
      setState({ step: 'ready', url: URL.createObjectURL(loaded.blob), bytes: loaded.blob.size });
    } catch (error) {
      if (mounted.current) setState({ step: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <div className="audio-player" data-testid={testId} data-sha256={facts.sha256 ?? undefined}>
      <span className="audio-player-label">{label}</span>
      <span className="audio-player-facts muted small" data-testid="audio-facts">
        {describeAudio(facts)}
      </span>
      {state.step === 'ready' ? (
        <audio
          ref={audioRef}
          controls
          autoPlay
          src={state.url}
          aria-label={label}
          data-testid="audio-element"
          data-bytes={state.bytes}
        />
      ) : load === null ? (
        <span className="muted small" data-testid="audio-unavailable">
          {unavailable ?? 'Not playable here.'}
        </span>
      ) : (
        <button
          type="button"
          className="audio-play-button"
          onClick={() => void play()}
          disabled={state.step === 'loading'}
          aria-label={`Play ${label}`}
          data-testid="audio-play"
        >
          {state.step === 'loading' ? 'Reading…' : '▶ Play'}
        </button>
      )}
      {state.step === 'failed' && (
        <span className="field-error small" role="alert" data-testid="audio-error">
          {state.message}
        </span>
      )}
    </div>
  );
}
