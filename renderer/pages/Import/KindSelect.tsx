import { useId } from 'react';
import { IMPORT_KINDS, importKindLabel, isImportKindId, type ImportKindId } from '../../../shared/domain/importKinds';
import { Options } from '../../components/Options';

/**
 * What kind of list a file is. `null` means "work it out from the file" on the first step and
 * "not chosen yet" afterwards, when the file's headers did not say.
 */
export function KindSelect({ value, onChange, allowAuto, disabled, hint }: { value: ImportKindId | null; onChange(kind: ImportKindId | null): void; allowAuto: boolean; disabled?: boolean; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>What kind of list is it?</label>
      <select
        id={id}
        value={value ?? ''}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(isImportKindId(e.target.value) ? e.target.value : null)}
      >
        {allowAuto ? <option value="">Work it out from the file</option> : value === null ? <option value="">Choose…</option> : null}
        <Options values={IMPORT_KINDS} label={importKindLabel} />
      </select>
      {hint ? <div id={`${id}-hint`} className="field-hint">{hint}</div> : null}
    </div>
  );
}
