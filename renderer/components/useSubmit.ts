import { useCallback, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';

/** Actions the user starts that share one busy flag and one error (cleared on each try). */
interface PendingActions {
  busy: boolean;
  error: string | null;
  /** Runs one of the actions; true when it finished without an error. */
  run(action: () => Promise<void>): Promise<boolean>;
  clearError(): void;
  /** A form's submit that needs some text first: says `whenBlank` where the errors show instead of running while `text` is blank. */
  submitWithText(event: FormEvent, text: string, whenBlank: string, action: () => Promise<void>): Promise<boolean>;
}

/**
 * Several actions behind one busy flag and one error, such as a Save and a Delete on the same form:
 * while one runs, none of them can start again.
 */
export function useActions(): PendingActions {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<void>): Promise<boolean> {
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
  // Stable, so that a memoised callback can clear the error too.
  const clearError = useCallback(() => setError(null), []);
  async function submitWithText(event: FormEvent, text: string, whenBlank: string, action: () => Promise<void>): Promise<boolean> {
    event.preventDefault();
    if (text.trim() !== '') return run(action);
    setError(whenBlank);
    return false;
  }
  return { busy, error, run, clearError, submitWithText };
}

/** An action the user starts: busy while it runs, and the error it ended with (cleared on each try). */
interface PendingAction extends Omit<PendingActions, 'run' | 'submitWithText'> {
  /** Runs the action; true when it finished without an error. */
  run(): Promise<boolean>;
}

export function useAction(action: () => Promise<void>): PendingAction {
  const { busy, error, run, clearError } = useActions();
  return { busy, error, run: () => run(action), clearError };
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
