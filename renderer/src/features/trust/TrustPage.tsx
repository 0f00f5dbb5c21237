import './trust.css';
import { useEffect } from 'react';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { DemoApproverCard } from '../demo/DemoApproverCard';
import { PipelinesCard } from '../pipeline/PipelinesCard';
import { AddKeyForm } from './AddKeyForm';
import { CreateTrustRootCard } from './CreateTrustRootCard';
import { MachineKeyCard } from './MachineKeyCard';
import { PinForm } from './PinForm';
import { ProposalList } from './ProposalList';
import { RefusalBanner } from './RefusalBanner';
import { TrustedKeysTable } from './TrustedKeysTable';
import { TrustRootCard } from './TrustRootCard';
import { isAdmin } from './trust-model';
import { useTrustStore } from './trust-store';

/** Who is trusted in this workspace, verified from this machine's pin, and how admins change it. */
export function TrustPage() {
  const head = useWorkspaceStore((state) => state.current?.head);
  const status = useTrustStore((state) => state.status);
  const identity = useTrustStore((state) => state.identity);
  const loaded = useTrustStore((state) => state.loaded);
  const loading = useTrustStore((state) => state.loading);
  const refusal = useTrustStore((state) => state.refusal);
  const loadRefusal = useTrustStore((state) => state.loadRefusal);
  const notice = useTrustStore((state) => state.notice);
  const { load, dismiss } = useTrustStore.getState();
  const admin = isAdmin(status, identity?.keyId ?? null);

  // A commit (a teammate's signature pulled in) may change the root.
  useEffect(() => {
    void useTrustStore.getState().load();
  }, [head]);

  return (
    <div className="trust-page" data-testid="trust-page">
      <header className="page-header">
        <div>
          <h1>Trust</h1>
          <p className="muted page-intro">
            Who may author, approve, promote and administer in this workspace. It lives in the signed trust
            root: each version takes effect only when enough admins sign it, and this machine checks the chain
            from the version it pinned every time it reads it.
          </p>
        </div>
        <button type="button" onClick={() => void load()} disabled={loading} data-testid="trust-refresh">
          {loading ? 'Reading…' : 'Refresh'}
        </button>
      </header>
      {loadRefusal && (
        <>
          <RefusalBanner refusal={loadRefusal} />
          {loadRefusal.code === 'trust.unverified' && (
            <section className="card trust-card" aria-labelledby="recover-title">
              <h2 id="recover-title">Recover</h2>
              <p>
                Ask an admin to restore a properly signed root (the message above names the commit to revert).
                If an admin tells you a new root is the right one, pin its fingerprint here.
              </p>
              <PinForm label="Pin this root" />
            </section>
          )}
        </>
      )}
      {refusal && <RefusalBanner refusal={refusal} onDismiss={dismiss} />}
      {notice && (
        <p className="info-notice" role="status" data-testid="trust-notice">
          {notice}
        </p>
      )}
      {loaded && <MachineKeyCard />}
      {status?.state === 'none' && <CreateTrustRootCard />}
      {status?.state === 'verified' && (
        <>
          <TrustRootCard status={status} />
          <ProposalList status={status} admin={admin} />
          <TrustedKeysTable keys={status.keys} canRevoke={admin} />
          <PipelinesCard />
          {admin && <DemoApproverCard />}
          {admin && <AddKeyForm />}
          {!admin && identity !== null && (
            <p className="muted" data-testid="not-admin">
              Your key is not an admin of this trust root: send its public key to an admin (
              {status.admins.map((entry) => entry.owner).join(', ')}) to be trusted or to change trust.
            </p>
          )}
        </>
      )}
    </div>
  );
}
