import { useTrustStore } from './trust-store';

/** A workspace without a trust root: no key is trusted and every environment gets the secure default. */
export function CreateTrustRootCard() {
  const identity = useTrustStore((state) => state.identity);
  const busy = useTrustStore((state) => state.busy);
  const init = useTrustStore((state) => state.init);
  return (
    <section className="card trust-card" data-testid="create-trust-root" aria-labelledby="create-root-title">
      <h2 id="create-root-title">No trust root yet</h2>
      <p>
        Nobody is trusted in this workspace yet, and every environment gets the secure default policy (one
        approval by someone other than the author). Creating the trust root makes{' '}
        <strong>you its first admin</strong>, with a threshold of one signature, and signs the tiers,
        policies, pipelines and standard changes <code>ferry.json</code> declares now; after that, only
        changes admins sign count.
      </p>
      <button
        type="button"
        className="primary"
        disabled={identity === null || busy !== null}
        onClick={() => void init()}
        data-testid="create-trust-root-button"
      >
        {busy === 'init' ? 'Creating…' : 'Create trust root'}
      </button>
      {identity === null && (
        <p className="muted small">
          Create this machine’s signing key first: in a workspace with no trust root, that also creates the
          root, with you as its first admin.
        </p>
      )}
    </section>
  );
}
