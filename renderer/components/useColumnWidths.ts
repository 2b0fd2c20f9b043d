import { useCallback, useState } from 'react';

/** Narrowest a column can be dragged to, in px: a sort button and a few characters. */
export const MIN_COLUMN_PX = 40;
const MAX_COLUMN_PX = 900;

/**
 * A short, stable tag for a workspace (FNV-1a of its path), so the browser storage holds no path:
 * a path can carry a name. Widths are a display preference, not workspace data.
 */
function scopeTag(scope: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < scope.length; i++) {
    hash ^= scope.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function read(key: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(key) ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    const widths: Record<string, number> = {};
    for (const [column, px] of Object.entries(parsed)) if (typeof px === 'number' && Number.isFinite(px)) widths[column] = clampWidth(px);
    return widths;
  } catch {
    return {};
  }
}

export function clampWidth(px: number): number {
  return Math.round(Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, px)));
}

/**
 * Column widths the analyst dragged, per table and per workspace, remembered across sessions.
 * A column without a width keeps its automatic size; setting null gives it back.
 */
export function useColumnWidths(table: string, workspaceScope: string): [Readonly<Record<string, number>>, (column: string, px: number | null) => void] {
  const key = `iom.columnWidths.${table}.${scopeTag(workspaceScope)}`;
  const [widths, setWidths] = useState<Record<string, number>>(() => read(key));
  const setWidth = useCallback(
    (column: string, px: number | null) => {
      setWidths((current) => {
        const next = { ...current };
        if (px === null) delete next[column];
        else next[column] = clampWidth(px);
        try {
          window.localStorage.setItem(key, JSON.stringify(next));
        } catch {
          // Storage refused: the widths hold for this run.
        }
        return next;
      });
    },
    [key],
  );
  return [widths, setWidth];
}
