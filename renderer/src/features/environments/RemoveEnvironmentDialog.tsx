import { useState } from 'react';
import type { EnvironmentView } from '../../../../shared/model/environment';
import { Modal } from '../../components/Modal';
import { useEnvironmentsStore } from '../../stores/environments-store';

interface RemoveEnvironmentDialogProps {
  view: EnvironmentView;
  onClose: () => void;
}

export function RemoveEnvironmentDialog({ view, onClose }: RemoveEnvironmentDialogProps) {
  const remove = useEnvironmentsStore((state) => state.remove);
  const [removing, setRemoving] = useState(false);
  const { name, label, tier } = view.config;
  const confirm = async () => {
    setRemoving(true);
    if (await remove(name)) onClose();
    else setRemoving(false);
  };
  return (
    <Modal
      title={`Remove ${label ?? name}?`}
      onClose={onClose}
      testId="remove-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Keep it
          </button>
          <button type="button" className="danger" disabled={removing} onClick={() => void confirm()}>
            {removing ? 'Removing…' : 'Remove environment'}
          </button>
        </>
      }
    >
      <p>
        <code>{name}</code> leaves <code>ferry.json</code> in one commit, and its stored client secret is
        deleted from this machine. Snapshots already taken stay in the workspace and its history.
      </p>
      {tier === 'prod' && <p className="warning-text">This is a production environment.</p>}
    </Modal>
  );
}
