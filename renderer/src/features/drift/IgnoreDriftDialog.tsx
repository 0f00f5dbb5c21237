import { useState } from 'react';
import { Modal } from '../../components/Modal';

interface IgnoreDriftDialogProps {
  title: string;
  busy: boolean;
  onSave: (reason: string) => Promise<boolean>;
  onClose: () => void;
}

/** Asks for the reason an ignore is stored with: one object or several ticked ones. */
export function IgnoreDriftDialog({ title, busy, onSave, onClose }: IgnoreDriftDialogProps) {
  const [reason, setReason] = useState('');
  const canSave = reason.trim() !== '' && !busy;
  const save = async () => {
    if (canSave && (await onSave(reason))) onClose();
  };
  return (
    <Modal
      title={title}
      onClose={onClose}
      testId="ignore-drift-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!canSave} onClick={() => void save()}>
            {busy ? 'Saving…' : 'Ignore drift'}
          </button>
        </>
      }
    >
      <p className="muted small">
        Drift checks will stop listing this object. The reason is stored in the workspace with your name, so
        the next reviewer knows why.
      </p>
      <label>
        Reason
        <textarea
          name="reason"
          rows={3}
          value={reason}
          placeholder="e.g. Site team owns this; changed on purpose for the winter schedule"
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
    </Modal>
  );
}
