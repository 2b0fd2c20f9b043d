import { useCallback } from 'react';
import { useCall } from '../../api/useCall';
import type { SettingsSnapshot } from '../../../shared/analysis/settingsSchemas';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { IdleLockSection, MarkingSection } from './MarkingAndLockSections';
import { StaffingSection } from './StaffingSection';
import { UnitCostsSection } from './UnitCostsSection';
import { ClassificationSection } from './ClassificationSection';
import { RetentionSection } from './RetentionSection';
import { BackupSection } from './BackupSection';
import { DeleteWorkspaceSection } from './DeleteWorkspaceSection';

/** The link to each section, by the id its section gives itself. */
const SECTION_LINKS: Readonly<Record<string, string>> = {
  'settings-marking': 'Protective marking',
  'settings-idle-lock': 'Idle lock',
  'settings-staffing': 'Capacity and staffing',
  'settings-unit-costs': 'Unit costs',
  'settings-classification': 'Offence classification',
  'settings-retention': 'Data retention',
  'settings-backup': 'Backup and restore',
  'settings-delete': 'Delete workspace',
};

/**
 * The workspace's own settings. Section links are buttons, not #anchors: the hash is the app's
 * route, so an anchor would navigate away. Each moves the focus to its section's heading.
 */
export function SettingsPage() {
  const [settings, , replaceSettings] = useCall('settings.get', {});

  const goTo = useCallback((id: string) => {
    const heading = document.getElementById(`${id}-title`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  }, []);

  if (settings.status === 'error') return <ErrorNotice message={settings.message} title="Could not read the settings" />;
  if (settings.status === 'loading') return <LoadingState label="Reading the settings…" />;
  const snapshot = settings.value;
  const setSnapshot = (next: SettingsSnapshot) => replaceSettings(() => next);
  return (
    <div className="page settings-page">
      <header className="page-header">
        <h1>Settings</h1>
        <p className="muted">Stored in this workspace, so each workspace keeps its own; every change is written to the audit trail (which setting, not its value).</p>
      </header>
      <nav className="section-links" aria-label="Settings sections">
        {Object.entries(SECTION_LINKS).map(([id, label]) => (
          <button key={id} type="button" className="link-button" onClick={() => goTo(id)}>
            {label}
          </button>
        ))}
      </nav>
      <div className="settings-pair">
        <MarkingSection snapshot={snapshot} onSnapshot={setSnapshot} />
        <IdleLockSection snapshot={snapshot} onSnapshot={setSnapshot} />
      </div>
      <StaffingSection snapshot={snapshot} onSnapshot={setSnapshot} />
      <UnitCostsSection snapshot={snapshot} onSnapshot={setSnapshot} />
      <ClassificationSection />
      <RetentionSection />
      <BackupSection />
      <DeleteWorkspaceSection />
    </div>
  );
}
