import { useState, type FormEvent } from 'react';
import { useTrustStore } from './trust-store';

/** Confirms the root an admin read out (out of band), or pins another one to recover from a refusal. */
export function PinForm({ label }: { label: string }) {
  const pin = useTrustStore((state) => state.pin);
  const busy = useTrustStore((state) => state.busy);
  const [fingerprint, setFingerprint] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void pin(fingerprint).then((done) => done && setFingerprint(''));
  };
  return (
    <form className="trust-inline-form" onSubmit={submit} data-testid="pin-form">
      <label className="form-field trust-wide">
        <span className="form-field-label">Fingerprint an admin gave you</span>
        <input
          value={fingerprint}
          onChange={(event) => setFingerprint(event.target.value)}
          placeholder="64 hex digits, spaces allowed"
          maxLength={200}
          spellCheck={false}
          data-testid="pin-fingerprint"
        />
      </label>
      <button type="submit" disabled={fingerprint.trim() === '' || busy !== null} data-testid="pin-submit">
        {busy === 'pin' ? 'Checking…' : label}
      </button>
    </form>
  );
}
