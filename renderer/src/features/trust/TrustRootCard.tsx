import { useState, type FormEvent } from 'react';
import type { TrustStatusWire } from '../../../../shared/model/trust-wire';
import { PinForm } from './PinForm';
import { isAdmin, shortKey } from './trust-model';
import { useTrustStore } from './trust-store';

/** The verified root: its version and fingerprint, this machine's pin, the admins and their threshold. */
export function TrustRootCard({ status }: { status: TrustStatusWire }) {
  const identity = useTrustStore((state) => state.identity);
  const admin = isAdmin(status, identity?.keyId ?? null);
  const pinned = status.pinned;
  return (
    <section className="card trust-card" data-testid="trust-root" aria-labelledby="trust-root-title">
      <h2 id="trust-root-title">Trust root</h2>
      {status.pinnedNow && pinned && (
        <p className="info-notice" role="status" data-testid="pinned-now">
          First time this machine sees this workspace’s trust root: it pinned version {pinned.version}.
          Compare its fingerprint with an admin out of band, then confirm it below.
        </p>
      )}
      <dl className="trust-facts">
        <dt>Version</dt>
        <dd data-testid="trust-version">{status.version}</dd>
        <dt>Fingerprint</dt>
        <dd>
          <code className="trust-fingerprint" data-testid="trust-fingerprint">
            {status.fingerprint}
          </code>
        </dd>
        <dt>Pinned here</dt>
        <dd data-testid="trust-pinned" data-confirmed={String(pinned?.confirmed ?? false)}>
          {pinned ? (
            <>
              version {pinned.version}, <code className="trust-fingerprint">{pinned.fingerprint}</code>{' '}
              {pinned.confirmed ? (
                <span className="badge trust-ok">confirmed</span>
              ) : (
                <span className="badge warn">not confirmed</span>
              )}
            </>
          ) : (
            'not pinned'
          )}
        </dd>
        <dt>Admins</dt>
        <dd data-testid="trust-admins">
          {status.admins.map((entry) => `${entry.owner} (${shortKey(entry.keyId)})`).join(', ')}
        </dd>
        <dt>Threshold</dt>
        <dd data-testid="trust-threshold">
          {status.adminThreshold} admin signature{status.adminThreshold === 1 ? '' : 's'} for each change
        </dd>
      </dl>
      {pinned && !pinned.confirmed && <PinForm label="Confirm fingerprint" />}
      {admin && <ThresholdForm current={status.adminThreshold ?? 1} admins={status.admins.length} />}
    </section>
  );
}

function ThresholdForm({ current, admins }: { current: number; admins: number }) {
  const setThreshold = useTrustStore((state) => state.setThreshold);
  const busy = useTrustStore((state) => state.busy);
  const [value, setValue] = useState(String(current));
  const threshold = Number(value);
  const valid = Number.isInteger(threshold) && threshold >= 1 && threshold <= admins;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) void setThreshold(threshold);
  };
  return (
    <form className="trust-inline-form" onSubmit={submit} data-testid="threshold-form">
      <label className="form-field">
        <span className="form-field-label">Admin signatures needed per change</span>
        <input
          type="number"
          min={1}
          max={admins}
          step={1}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          data-testid="threshold-input"
        />
      </label>
      <button
        type="submit"
        disabled={!valid || threshold === current || busy !== null}
        data-testid="threshold-submit"
      >
        Propose threshold
      </button>
      {!valid && <span className="field-error">Between 1 and {admins} (the admins who can sign)</span>}
    </form>
  );
}
