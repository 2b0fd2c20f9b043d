import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';

/** A form's submit: busy while it runs, and the error it ended with (cleared on each try). */
export function useSubmit(action: () => Promise<void>): { busy: boolean; error: string | null; onSubmit(event: FormEvent): Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, onSubmit };
}
