import type { ReactNode } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';

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
