import { ShortlistExportSection } from './ShortlistExportSection';
import { AgencySheetsPanel } from './AgencySheetsPanel';
import { ReportPanel } from './ReportPanel';

/**
 * Everything that leaves the workspace as a file. Each export is its own `<section className="panel
 * exports-section">` with an h2, so the page reads as a list of what can be taken out and how it is
 * marked. Sections are added below in the order an analyst needs them: the shortlist (the panel's
 * decided cohort), the agencies' pre-review sheets, the cohort report.
 */
export function ExportsPage() {
  return (
    <div className="page exports-page">
      <header className="page-header">
        <h1>Exports</h1>
        <p className="muted">
          Each file carries the workspace&apos;s protective marking in its header and at the start of its name, is written whole or not at all, and is recorded in the
          audit trail (counts and format only).
        </p>
      </header>
      <ShortlistExportSection />
      <AgencySheetsPanel />
      <ReportPanel />
    </div>
  );
}
