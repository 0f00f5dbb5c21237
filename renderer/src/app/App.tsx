import { useEffect } from 'react';
import { AppShell } from '../features/shell/AppShell';
import { VaultUnlockDialog } from '../features/vault/VaultUnlockDialog';
import { WelcomeScreen } from '../features/welcome/WelcomeScreen';
import { useWorkspaceStore } from '../stores/workspace-store';

export function App() {
  const phase = useWorkspaceStore((state) => state.phase);
  const start = useWorkspaceStore((state) => state.start);

  useEffect(() => {
    void start();
  }, [start]);

  if (phase === 'starting') return <div className="starting muted">Starting Ferry…</div>;
  return (
    <>
      {phase === 'open' ? <AppShell /> : <WelcomeScreen />}
      <VaultUnlockDialog />
    </>
  );
}
