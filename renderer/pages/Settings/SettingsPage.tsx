import { useCallback } from 'react';
import { useCall } from '../../api/useCall';
import type { SettingsSnapshot } from '../../../shared/analysis/settingsCalls';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { IdleLockSection, MarkingSection } from './MarkingAndLockSections';
import { StaffingSection } from './StaffingSection';
import { UnitCostsSection } from './UnitCostsSection';
import { ClassificationSection } from './ClassificationSection';
import { RetentionSection } from './RetentionSection';
import { BackupSection } from './BackupSection';
import { DeleteWorkspaceSection } from './DeleteWorkspaceSection';

const SECTIONS = [
  { id: 'settings-marking', label: 'Protective marking' },
  { id: 'settings-idle-lock', label: 'Idle lock' },
  { id: 'settings-staffing', label: 'Capacity and staffing' },
  { id: 'settings-unit-costs', label: 'Unit costs' },
  { id: 'settings-classification', label: 'Offence classification' },
  { id: 'settings-retention', label: 'Data retention' },
  { id: 'settings-backup', label: 'Backup and restore' },
  { id: 'settings-delete', label: 'Delete workspace' },
] as const;

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
        {SECTIONS.map((s) => (
          <button key={s.id} type="button" className="link-button" onClick={() => goTo(s.id)}>
            {s.label}
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
