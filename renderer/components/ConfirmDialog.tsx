import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { SubmitForm } from './SubmitForm';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, and anything the user must choose (rendered above the typed confirmation). */
  children: ReactNode;
  confirmLabel: string;
  /** A word or name the user must type before the confirm button works. */
  typedConfirmation?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal confirmation for something that cannot be undone. The native <dialog> gives the focus
 * trap, Escape to cancel and the inert page behind it; the typed word makes it impossible to
 * confirm by pressing Enter out of habit.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, typedConfirmation, busy = false, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [typed, setTyped] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setTyped('');
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const confirmed = typedConfirmation === undefined || typed.trim() === typedConfirmation;
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        // Escape: close through the parent's state, and never while the work is under way.
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <SubmitForm
        onSubmit={() => {
          if (confirmed && !busy) onConfirm();
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="confirm-dialog-body">{children}</div>
        {typedConfirmation === undefined ? null : (
          <div className="field">
            <label htmlFor={`${id}-typed`}>
              Type <strong className="confirm-dialog-word">{typedConfirmation}</strong> to confirm
            </label>
            <input id={`${id}-typed`} type="text" value={typed} autoComplete="off" spellCheck={false} onChange={(e) => setTyped(e.target.value)} disabled={busy} />
          </div>
        )}
        <ErrorNotice message={error ?? null} title="Not done" />
        <div className="confirm-dialog-actions">
          <button type="button" className="button secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={!confirmed || busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </SubmitForm>
    </dialog>
  );
}
