import { useEffect, useId, useState } from 'react';
import { IdleLockMinutesSchema, ProtectiveMarkingSchema, SETTING_DEFAULTS, type SettingsSnapshot } from '../../../shared/api/settingsCalls';
import { SettingsSection } from './SettingsSection';
import { useSectionSave } from './settingsSave';

export function MarkingSection({ snapshot, onSnapshot }: { snapshot: SettingsSnapshot; onSnapshot(next: SettingsSnapshot): void }) {
  const id = useId();
  const stored = snapshot.values.protectiveMarking;
  const [text, setText] = useState(stored);
  useEffect(() => setText(stored), [stored]);
  const saving = useSectionSave(onSnapshot);
  const check = ProtectiveMarkingSchema.safeParse(text);
  const problem = check.success ? null : (check.error.issues[0]?.message ?? 'Not a valid marking.');
  return (
    <SettingsSection
      id="settings-marking"
      title="Protective marking"
      intro="Printed in the header of every export and at the start of its file name. Government Security Classifications: OFFICIAL-SENSITIVE; the seed list was marked RESTRICTED."
      customised={snapshot.customised.includes('protectiveMarking')}
      status={saving.status}
      error={saving.error}
    >
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (check.success) void saving.save({ key: 'protectiveMarking', value: check.data });
        }}
      >
        <div className="field">
          <label htmlFor={id}>Marking</label>
          <input id={id} type="text" value={text} maxLength={60} onChange={(e) => setText(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={`${id}-hint`} />
          <span id={`${id}-hint`} className={problem ? 'field-error' : 'field-hint'}>
            {problem ?? `Default: ${SETTING_DEFAULTS.protectiveMarking}.`}
          </span>
        </div>
        <div className="inline-form-actions">
          <button type="submit" className="button primary" disabled={saving.busy || !check.success || check.data === stored}>
            Save marking
          </button>
          <button type="button" className="button secondary" disabled={saving.busy || !snapshot.customised.includes('protectiveMarking')} onClick={() => void saving.reset('protectiveMarking')}>
            Use the default
          </button>
        </div>
      </form>
    </SettingsSection>
  );
}

export function IdleLockSection({ snapshot, onSnapshot }: { snapshot: SettingsSnapshot; onSnapshot(next: SettingsSnapshot): void }) {
  const id = useId();
  const stored = snapshot.values.idleLockMinutes;
  const [text, setText] = useState(String(stored));
  useEffect(() => setText(String(stored)), [stored]);
  const saving = useSectionSave(onSnapshot);
  const value = Number(text);
  const check = IdleLockMinutesSchema.safeParse(text.trim() === '' ? Number.NaN : value);
  return (
    <SettingsSection
      id="settings-idle-lock"
      title="Idle lock"
      intro="The workspace locks itself after this many minutes without use, closing the encrypted file; the passphrase is needed again. The check runs every 30 seconds."
      customised={snapshot.customised.includes('idleLockMinutes')}
      status={saving.status}
      error={saving.error}
    >
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (check.success) void saving.save({ key: 'idleLockMinutes', value: check.data });
        }}
      >
        <div className="field">
          <label htmlFor={id}>Lock after (minutes)</label>
          <input id={id} type="number" min={1} max={240} step={1} className="input-number" value={text} onChange={(e) => setText(e.target.value)} aria-invalid={check.success ? undefined : true} aria-describedby={`${id}-hint`} />
          <span id={`${id}-hint`} className={check.success ? 'field-hint' : 'field-error'}>
            {check.success ? `1 to 240. Default: ${SETTING_DEFAULTS.idleLockMinutes}.` : 'A whole number of minutes from 1 to 240.'}
          </span>
        </div>
        <div className="inline-form-actions">
          <button type="submit" className="button primary" disabled={saving.busy || !check.success || check.data === stored}>
            Save idle lock
          </button>
        </div>
      </form>
    </SettingsSection>
  );
}
