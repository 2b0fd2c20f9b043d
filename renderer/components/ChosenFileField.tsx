import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { choiceText, pathsCanBeTyped, type FileChoice } from '../api/chosenFiles';
import type { ChosenFile } from '../../shared/api/chosenFile';
import { TextField } from './TextField';

interface ChosenFileFieldProps {
  label: string;
  choice: FileChoice;
  onChoice(choice: FileChoice): void;
  /** The host's own dialog (a contract call answering a token); absent where the form has none. */
  browse?: () => Promise<{ file: ChosenFile | null; supported: boolean }>;
  /** What the preview's typed field suggests, e.g. `/path/to/cohort.iomdb`. */
  typedPlaceholder: string;
  hint?: ReactNode;
  /** The hint in the preview, where the path is typed. */
  typedHint?: ReactNode;
  disabled?: boolean;
  required?: boolean;
  className?: string;
}

/**
 * A file for main to read or write. In the desktop app it is chosen with the system dialog (or a
 * drop) and shown read-only: main accepts only the token that came with it. In the browser preview,
 * which has no dialogs, the path is typed, and the preview's picker turns it into a token on sending.
 */
export function ChosenFileField({ label, choice, onChoice, browse, typedPlaceholder, hint, typedHint, disabled, required, className }: ChosenFileFieldProps) {
  const typed = pathsCanBeTyped();
  const [dialog, setDialog] = useState(Boolean(browse) && !typed);
  const [browseError, setBrowseError] = useState<string | null>(null);

  async function openDialog() {
    if (!browse) return;
    setBrowseError(null);
    try {
      const result = await browse();
      if (!result.supported) setDialog(false);
      else if (result.file) onChoice({ kind: 'chosen', file: result.file });
    } catch (e) {
      setBrowseError(`The file dialog could not be opened: ${errorMessage(e)}`);
    }
  }

  return (
    <TextField
      label={label}
      value={choiceText(choice)}
      onValueChange={(path) => onChoice({ kind: 'typed', path })}
      readOnly={!typed}
      placeholder={typed ? typedPlaceholder : 'Click Browse… to choose the file'}
      required={required}
      autoComplete="off"
      spellCheck={false}
      className={className}
      hint={typed ? (typedHint ?? hint) : hint}
      error={browseError}
      trailing={
        dialog ? (
          <button type="button" className="button secondary" onClick={() => void openDialog()} disabled={disabled}>
            Browse…
          </button>
        ) : null
      }
    />
  );
}
