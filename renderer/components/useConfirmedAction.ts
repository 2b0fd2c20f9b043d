import { useState } from 'react';
import { useAction } from './useSubmit';

/** What a ConfirmDialog needs from the action it guards. */
interface ConfirmDialogState {
  open: boolean;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * An action that cannot be undone, behind a ConfirmDialog: `ask` opens the dialog, confirming runs
 * the action (the dialog closes once it has succeeded, and stays open with the error otherwise),
 * cancelling closes it and forgets the error.
 */
export function useConfirmedAction(action: () => Promise<void>): { ask(): void; busy: boolean; dialog: ConfirmDialogState } {
  const [open, setOpen] = useState(false);
  const pending = useAction(action);
  return {
    ask: () => setOpen(true),
    busy: pending.busy,
    dialog: {
      open,
      busy: pending.busy,
      error: pending.error,
      onConfirm: () => void pending.run().then((done) => done && setOpen(false)),
      onCancel: () => {
        setOpen(false);
        pending.clearError();
      },
    },
  };
}
