import { useState } from 'react';
import { describeFieldChange } from '../../../../shared/diff/describe-change';
import type { FieldChange } from '../../../../shared/diff/diff-types';
import { Modal } from '../../components/Modal';
import { singularTypeLabel } from './diff-model';

interface IgnoreFieldDialogProps {
  type: string;
  change: FieldChange;
  busy: boolean;
  onSave: (rule: { type: string; path: string; reason: string }) => Promise<boolean>;
  onClose: () => void;
}

/** A rule names the field in every element of a list, not the one that happened to differ here. */
export function rulePathFor(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/** Asks why before hiding a field: the rule is shared with the team through the workspace. */
export function IgnoreFieldDialog({ type, change, busy, onSave, onClose }: IgnoreFieldDialogProps) {
  const [path, setPath] = useState(rulePathFor(change.path));
  const [everyType, setEveryType] = useState(false);
  const [reason, setReason] = useState('');
  const canSave = reason.trim() !== '' && path.trim() !== '' && !busy;

  const save = async () => {
    if (!canSave) return;
    if (await onSave({ type: everyType ? '*' : type, path: path.trim(), reason: reason.trim() })) onClose();
  };

  return (
    <Modal
      title="Ignore this field"
      onClose={onClose}
      testId="ignore-field-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!canSave} onClick={() => void save()}>
            {busy ? 'Saving…' : 'Ignore field'}
          </button>
        </>
      }
    >
      <p className="muted small ignore-example">
        <code>{describeFieldChange(change)}</code>
      </p>
      <label>
        Field path
        <input name="path" value={path} onChange={(event) => setPath(event.target.value)} />
        <span className="muted small field-hint">
          <code>[]</code> matches every list element, <code>*</code> one field, <code>**</code> any depth.
        </span>
      </label>
      <label className="checkbox-label">
        <input type="checkbox" checked={everyType} onChange={(event) => setEveryType(event.target.checked)} />
        For every object type, not only {singularTypeLabel(type).toLowerCase()}s
      </label>
      <label>
        Reason
        <textarea
          name="reason"
          rows={3}
          value={reason}
          placeholder="Why this difference does not matter, for whoever reads the compare next"
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
    </Modal>
  );
}
