import { useState, type DragEvent, type ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { chooseDropped } from '../api/chosenFiles';
import type { ChosenFile } from '../../shared/api/chosenFile';
import type { DropPurpose } from '../../shared/api/preloadApi';

/**
 * A place to drop a file, shown only in the desktop app: only its preload can tell a dropped file's
 * path, which it registers with main for a token (the page never sees the path it could misuse).
 * The Browse… field beside it stays the keyboard way in.
 */
export function FileDropZone({ purpose, onFile, children }: { purpose: DropPurpose; onFile(file: ChosenFile): void; children: ReactNode }) {
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!window.iomFiles) return null;

  async function drop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setDragging(false);
    setError(null);
    const dropped = event.dataTransfer.files[0];
    if (!dropped) return;
    try {
      const chosen = await chooseDropped(dropped, purpose);
      if (chosen) onFile(chosen);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <div
      className={dragging ? 'drop-zone dragging' : 'drop-zone'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => void drop(e)}
    >
      {children}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
