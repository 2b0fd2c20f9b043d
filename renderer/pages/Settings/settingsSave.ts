import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { SettingKey, SettingsSnapshot, SettingUpdate } from '../../../shared/analysis/settingsSchemas';
import { SETTING_LABELS } from '../../../shared/analysis/settingsSchemas';

export interface SectionSave {
  busy: boolean;
  error: string | null;
  status: string;
  save(update: SettingUpdate): Promise<boolean>;
  reset(key: SettingKey): Promise<boolean>;
}

/**
 * Saving one setting from a section: the answer is the fresh snapshot, handed up so every section
 * shows what is stored; the section keeps its own busy flag, error and "Saved" status line.
 */
export function useSectionSave(onSnapshot: (snapshot: SettingsSnapshot) => void): SectionSave {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  async function run(key: SettingKey, request: () => Promise<SettingsSnapshot>, done: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      onSnapshot(await request());
      setStatus(`${done} (${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}).`);
      return true;
    } catch (e) {
      setError(`${SETTING_LABELS[key]} not saved: ${errorMessage(e)}`);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    error,
    status,
    save: (update) => run(update.key, () => call('settings.update', update), 'Saved'),
    reset: (key) => run(key, () => call('settings.update', { key, reset: true }), 'Default put back'),
  };
}
