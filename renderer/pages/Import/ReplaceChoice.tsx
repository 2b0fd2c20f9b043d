import { useCall } from '../../api/useCall';
import type { ImportKindId } from '../../../shared/domain/importKinds';
import { importKindLabel } from '../../../shared/domain/importKinds';
import { formatDateTime } from './format';

/**
 * Whether this file adds to what is there (the default) or replaces an earlier import of its kind.
 * Replacing is previewed first: the import is worked out and rolled back, and the result step shows
 * exactly what would go before anything does.
 */
export function ReplaceChoice({ kind, value, onChange }: { kind: ImportKindId | null; value: number | null; onChange(next: number | null): void }) {
  const [imports] = useCall('import.list', {}, []);
  const earlier = imports.status === 'ready' && kind ? imports.value.filter((r) => r.kind === kind && r.undoneAt === null) : [];
  if (!kind || earlier.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="replace-choice-title">
      <h2 id="replace-choice-title">Earlier {importKindLabel(kind)} imports</h2>
      <div className="field">
        <label htmlFor="replace-choice">This file</label>
        <select id="replace-choice" value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">adds to what is there (nothing earlier is taken away)</option>
          {earlier.map((r) => (
            <option key={r.id} value={r.id}>
              replaces import {r.id}: {r.fileName} ({formatDateTime(r.importedAt)})
            </option>
          ))}
        </select>
        {value !== null ? <p className="muted">Importing will first show exactly what replacing import {value} takes away; nothing changes until you confirm.</p> : null}
      </div>
    </section>
  );
}
