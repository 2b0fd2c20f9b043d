import type { ReactNode } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { SettingKey, SettingsSnapshot, SettingUpdate } from '../../../shared/analysis/settingsSchemas';
import type { SectionSave } from './settingsSave';
import { SubmitForm } from '../../components/SubmitForm';

/** A settings panel: heading, what it is for, its form, and its own saved/error line. */
export function SettingsSection({ id, title, intro, customised, status, error, children }: { id: string; title: string; intro: ReactNode; customised?: boolean; status?: string; error?: string | null; children: ReactNode }) {
  return (
    <section className="panel settings-section" aria-labelledby={`${id}-title`} id={id}>
      <div className="settings-section-header">
        <h2 id={`${id}-title`} tabIndex={-1}>
          {title}
        </h2>
        {customised === undefined ? null : <span className={customised ? 'pill pill-info' : 'pill'}>{customised ? 'Set for this workspace' : 'Default'}</span>}
      </div>
      <p className="muted">{intro}</p>
      {children}
      <ErrorNotice message={error ?? null} title="Not saved" />
      <p className="settings-status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}

interface SettingFormSectionProps {
  id: string;
  title: string;
  intro: ReactNode;
  /** The setting the section saves: it says whether the workspace has its own value. */
  setting: SettingKey;
  snapshot: SettingsSnapshot;
  saving: SectionSave;
  /** What a submit saves; null while the form's values are not valid, and then a submit saves nothing. */
  update: SettingUpdate | null;
  formClassName?: string;
  children: ReactNode;
}

/** A settings panel whose form saves one setting of the workspace, with that setting's saved/error line. */
export function SettingFormSection({ id, title, intro, setting, snapshot, saving, update, formClassName, children }: SettingFormSectionProps) {
  return (
    <SettingsSection id={id} title={title} intro={intro} customised={snapshot.customised.includes(setting)} status={saving.status} error={saving.error}>
      <SubmitForm
        className={formClassName}
        onSubmit={() => {
          if (update) void saving.save(update);
        }}
      >
        {children}
      </SubmitForm>
    </SettingsSection>
  );
}
