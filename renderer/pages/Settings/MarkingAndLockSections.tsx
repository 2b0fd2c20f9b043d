import { useEffect, useState } from 'react';
import { IdleLockMinutesSchema, ProtectiveMarkingSchema, SETTING_DEFAULTS, type SettingsSnapshot } from '../../../shared/analysis/settingsSchemas';
import { SettingFormSection } from './SettingsSection';
import { CheckedInput } from '../../components/CheckedField';
import { useSectionSave } from './settingsSave';

export function MarkingSection({ snapshot, onSnapshot }: { snapshot: SettingsSnapshot; onSnapshot(next: SettingsSnapshot): void }) {
  const stored = snapshot.values.protectiveMarking;
  const [text, setText] = useState(stored);
  useEffect(() => setText(stored), [stored]);
  const saving = useSectionSave(onSnapshot);
  const check = ProtectiveMarkingSchema.safeParse(text);
  const problem = check.success ? null : (check.error.issues[0]?.message ?? 'Not a valid marking.');
  return (
    <SettingFormSection id="settings-marking" title="Protective marking" setting="protectiveMarking" snapshot={snapshot} saving={saving}
      intro="Printed in the header of every export and at the start of its file name. Government Security Classifications: OFFICIAL-SENSITIVE; the seed list was marked RESTRICTED."
      update={check.success ? { key: 'protectiveMarking', value: check.data } : null}
      formClassName="inline-form"
    >
      <CheckedInput label="Marking" type="text" value={text} maxLength={60} onValueChange={setText} problem={problem} hint={`Default: ${SETTING_DEFAULTS.protectiveMarking}.`} />
      <div className="inline-form-actions">
        <button type="submit" className="button primary" disabled={saving.busy || !check.success || check.data === stored}>
          Save marking
        </button>
        <button type="button" className="button secondary" disabled={saving.busy || !snapshot.customised.includes('protectiveMarking')} onClick={() => void saving.reset('protectiveMarking')}>
          Use the default
        </button>
      </div>
    </SettingFormSection>
  );
}

export function IdleLockSection({ snapshot, onSnapshot }: { snapshot: SettingsSnapshot; onSnapshot(next: SettingsSnapshot): void }) {
  const stored = snapshot.values.idleLockMinutes;
  const [text, setText] = useState(String(stored));
  useEffect(() => setText(String(stored)), [stored]);
  const saving = useSectionSave(onSnapshot);
  const value = Number(text);
  const check = IdleLockMinutesSchema.safeParse(text.trim() === '' ? Number.NaN : value);
  return (
    <SettingFormSection id="settings-idle-lock" title="Idle lock" setting="idleLockMinutes" snapshot={snapshot} saving={saving}
      intro="The workspace locks itself after this many minutes without use, closing the encrypted file; the passphrase is needed again. The check runs every 30 seconds."
      update={check.success ? { key: 'idleLockMinutes', value: check.data } : null}
      formClassName="inline-form"
    >
      <CheckedInput
        label="Lock after (minutes)"
        type="number"
        min={1}
        max={240}
        step={1}
        className="input-number"
        value={text}
        onValueChange={setText}
        problem={check.success ? null : 'A whole number of minutes from 1 to 240.'}
        hint={`1 to 240. Default: ${SETTING_DEFAULTS.idleLockMinutes}.`}
      />
      <div className="inline-form-actions">
        <button type="submit" className="button primary" disabled={saving.busy || !check.success || check.data === stored}>
          Save idle lock
        </button>
      </div>
    </SettingFormSection>
  );
}
