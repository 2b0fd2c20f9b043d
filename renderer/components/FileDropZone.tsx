import { useState, type DragEvent, type ReactNode } from 'react';

/**
 * A place to drop a file, shown only in the desktop app: only it can tell a dropped file's path
 * (the browser preview never sees one). The path field beside it stays the keyboard way in.
 */
export function FileDropZone({ onPath, children }: { onPath(path: string): void; children: ReactNode }) {
  const [dragging, setDragging] = useState(false);
  if (!window.iomFiles) return null;

  function drop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (!file || !window.iomFiles) return;
    const dropped = window.iomFiles.pathForFile(file);
    if (dropped) onPath(dropped);
  }

  return (
    <div
      className={dragging ? 'drop-zone dragging' : 'drop-zone'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      {children}
    </div>
  );
}
