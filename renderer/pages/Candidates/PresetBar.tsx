import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FilterPreset } from '../../../shared/shortlist/candidateSchemas';
import { useActions } from '../../components/useSubmit';

interface PresetBarProps {
  presets: readonly FilterPreset[];
  /** The preset whose filter is showing, if the analyst has not changed it since. */
  selectedId: number | null;
  onApply(preset: FilterPreset): void;
  onSave(name: string): Promise<FilterPreset>;
  onDelete(id: number): Promise<void>;
}

/**
 * Saved filters: pick one to apply it (filter, sort and columns), save the current view under a
 * name (the same name replaces), or delete the one showing. Saving and deleting are confirmed in
 * words in a polite live region, and the focus comes back to the picker afterwards.
 */
export function PresetBar({ presets, selectedId, onApply, onSave, onDelete }: PresetBarProps) {
  const selectId = useId();
  const nameId = useId();
  const [mode, setMode] = useState<'idle' | 'saving' | 'confirmDelete'>('idle');
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const { busy, error: problem, run, clearError, submitWithText } = useActions();
  const nameRef = useRef<HTMLInputElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const selected = presets.find((p) => p.id === selectedId) ?? null;

  useEffect(() => {
    if (mode === 'saving') nameRef.current?.focus();
  }, [mode]);

  function finish(text: string) {
    setMode('idle');
    setMessage(text);
    clearError();
    selectRef.current?.focus();
  }

  async function save(event: FormEvent) {
    await submitWithText(event, name, 'Give the filter a name.', async () => {
      const saved = await onSave(name);
      finish(`Saved “${saved.name}”.`);
    });
  }

  async function remove() {
    if (!selected) return;
    await run(async () => {
      await onDelete(selected.id);
      finish(`Deleted “${selected.name}”.`);
    });
  }

  return (
    <div className="preset-bar">
      <label htmlFor={selectId} className="visually-hidden">
        Saved filters
      </label>
      <select
        id={selectId}
        ref={selectRef}
        className="preset-select"
        value={selected ? String(selected.id) : ''}
        onChange={(e) => {
          const preset = presets.find((p) => String(p.id) === e.target.value);
          setMessage(null);
          if (preset) onApply(preset);
        }}
      >
        <option value="">{presets.length ? 'Saved filters…' : 'No saved filters'}</option>
        {presets.map((p) => (
          <option key={p.id} value={String(p.id)}>
            {p.name}
          </option>
        ))}
      </select>
      {mode === 'saving' ? (
        <form className="preset-form" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && finish('')}>
          <label htmlFor={nameId} className="visually-hidden">
            Name for this filter
          </label>
          <input id={nameId} ref={nameRef} type="text" value={name} maxLength={80} placeholder="Name for this filter" onChange={(e) => setName(e.target.value)} aria-invalid={problem ? true : undefined} />
          <button type="submit" className="button primary small" disabled={busy}>
            Save
          </button>
          <button type="button" className="button secondary small" onClick={() => finish('')}>
            Cancel
          </button>
        </form>
      ) : mode === 'confirmDelete' && selected ? (
        <span className="preset-form" role="group" aria-label="Confirm delete">
          <span>Delete “{selected.name}”?</span>
          <button type="button" className="button danger small" onClick={() => void remove()} disabled={busy}>
            Delete
          </button>
          <button type="button" className="button secondary small" onClick={() => finish('')}>
            Keep
          </button>
        </span>
      ) : (
        <>
          <button
            type="button"
            className="button secondary small"
            onClick={() => {
              setName(selected?.name ?? '');
              clearError();
              setMode('saving');
            }}
          >
            Save filter…
          </button>
          {selected ? (
            <button type="button" className="button secondary small" onClick={() => setMode('confirmDelete')}>
              Delete
            </button>
          ) : null}
        </>
      )}
      <span className="preset-message" role="status" aria-live="polite">
        {problem ? <span className="field-error">{problem}</span> : message}
      </span>
    </div>
  );
}
