import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';

/** An action the user starts: busy while it runs, and the error it ended with (cleared on each try). */
interface PendingAction {
  busy: boolean;
  error: string | null;
  /** Runs the action; true when it finished without an error. */
  run(): Promise<boolean>;
  clearError(): void;
}

export function useAction(action: () => Promise<void>): PendingAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, clearError: () => setError(null) };
}

/** A form's submit: busy while it runs, and the error it ended with (cleared on each try). */
export function useSubmit(action: () => Promise<void>): { busy: boolean; error: string | null; onSubmit(event: FormEvent): Promise<void> } {
  const { busy, error, run } = useAction(action);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run();
  }
  return { busy, error, onSubmit };
}
