import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { call, errorMessage, onWorkspaceLocked } from './api/client';
import type { WorkspaceStatus } from '../shared/workspace/workspaceSchemas';
import { UnlockPage } from './pages/Unlock/UnlockPage';
import { HomePage } from './pages/Home/HomePage';
import { ImportPage } from './pages/Import/ImportPage';
import { LinkReviewPage } from './pages/LinkReview/LinkReviewPage';
import { CandidatesPage } from './pages/Candidates/CandidatesPage';
import { PersonPage } from './pages/Person/PersonPage';
import { ProjectionPage } from './pages/Projection/ProjectionPage';
import { ChartsPage } from './pages/Charts/ChartsPage';
import { SettingsPage } from './pages/Settings/SettingsPage';
import { ShortlistPage } from './pages/Shortlist/ShortlistPage';
import { PanelPage } from './pages/Panel/PanelPage';
import { ExportsPage } from './pages/Exports/ExportsPage';
import { AuditPage } from './pages/Audit/AuditPage';
import { IntakePage } from './pages/Intake/IntakePage';
import { TrackingPage } from './pages/Tracking/TrackingPage';
import { AppShell, MAIN_ID, type NavItem } from './components/AppShell';
import { useDocumentTitle, useFocusHeadingOnArrival } from './components/usePageArrival';
import { AnalysisGate } from './components/AnalysisGate';
import { LoadingState } from './components/LoadingState';
import { ErrorNotice } from './components/ErrorNotice';
import { useHashRoute } from './useHashRoute';

/** In the order of the analyst's work: bring the lists in, explore, select, decide, plan, report. */
const NAV: NavItem[] = [
  { route: 'home', label: 'Home' },
  { route: 'candidates', label: 'Candidates' },
  { route: 'import', label: 'Import' },
  { route: 'links', label: 'Link reviews' },
  { route: 'shortlist', label: 'Shortlist' },
  { route: 'panel', label: 'Panel' },
  { route: 'intake', label: 'Intake plan' },
  { route: 'tracking', label: 'Tracking' },
  { route: 'projection', label: 'Projection' },
  { route: 'charts', label: 'Charts' },
  { route: 'exports', label: 'Exports' },
  { route: 'audit', label: 'Audit' },
  { route: 'settings', label: 'Settings' },
];

interface PageProps {
  workspacePath: string;
  /** The whole hash route, e.g. "person/12". */
  route: string;
  onNavigate: (route: string) => void;
}

/** Each section of the hash route and its page; a page is keyed by workspace so a switch starts it afresh. */
const PAGES: Record<string, (props: PageProps) => ReactElement> = {
  home: () => <HomePage />,
  candidates: (p) => <CandidatesPage workspacePath={p.workspacePath} route={p.route} onNavigate={p.onNavigate} />,
  person: (p) => <PersonPage key={p.route} personId={Number(p.route.split('/')[1])} workspacePath={p.workspacePath} onNavigate={p.onNavigate} />,
  import: () => <ImportPage />,
  links: () => <LinkReviewPage />,
  shortlist: (p) => <ShortlistPage onNavigate={p.onNavigate} />,
  panel: (p) => <PanelPage key={p.route.split('/')[1] ?? ''} route={p.route} onNavigate={p.onNavigate} />,
  projection: () => <ProjectionPage />,
  charts: () => <ChartsPage />,
  intake: () => <IntakePage />,
  tracking: () => <TrackingPage />,
  exports: () => <ExportsPage />,
  settings: () => <SettingsPage />,
  audit: (p) => <AuditPage onNavigate={p.onNavigate} />,
};

/** Pages whose figures come from the analysis model: they wait (with progress and a stop button) until it is loaded. */
const NEEDS_ANALYSIS = new Set(['home', 'candidates', 'person', 'projection', 'charts', 'shortlist', 'panel', 'tracking']);

/** Sections that belong under another navigation item (a person is opened from the candidates). */
const NAV_PARENT: Record<string, string> = { person: 'candidates' };

/** The screen's name for the window title: its menu label, or its own for screens opened from another. */
function screenTitle(section: string): string {
  if (section === 'person') return 'Person';
  return NAV.find((item) => item.route === section)?.label ?? 'Home';
}

export function App() {
  const [status, setStatus] = useState<WorkspaceStatus | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [route, navigate] = useHashRoute('home');
  const requested = route.split('/')[0] ?? 'home';
  const section = requested in PAGES ? requested : 'home';
  const unlocked = status?.state === 'unlocked';
  useDocumentTitle(!status ? 'Starting' : unlocked ? screenTitle(section) : 'Unlock');
  useFocusHeadingOnArrival(unlocked ? route : '', MAIN_ID);

  const refresh = useCallback(() => {
    call('workspace.status', {}).then(
      // The same answer keeps the same object, so a re-check on focus does not re-render every page.
      (next) => setStatus((previous) => (previous && JSON.stringify(previous) === JSON.stringify(next) ? previous : next)),
      (e: unknown) => setFatal(errorMessage(e)),
    );
  }, []);

  useEffect(refresh, [refresh]);
  // A lock from elsewhere (idle timer, suspend) surfaces as a locked answer: drop every screen's data.
  useEffect(() => onWorkspaceLocked(refresh), [refresh]);
  // The browser preview cannot be reloaded by main on a lock (the desktop app is): coming back to the
  // window asks again, so a workspace locked meanwhile (idle, suspend) leaves nothing on screen.
  useEffect(() => {
    const recheck = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('focus', recheck);
    document.addEventListener('visibilitychange', recheck);
    return () => {
      window.removeEventListener('focus', recheck);
      document.removeEventListener('visibilitychange', recheck);
    };
  }, [refresh]);

  if (fatal) return <main className="unlock-page"><ErrorNotice message={fatal} title="The app cannot start" /></main>;
  if (!status) return <LoadingState label="Starting…" />;
  if (status.state === 'locked') {
    return <UnlockPage lastWorkspace={status.lastWorkspace} lockReason={status.reason} onUnlocked={(workspace) => setStatus({ state: 'unlocked', workspace })} />;
  }
  const lock = () => call('workspace.lock', {}).then(setStatus, refresh);
  const page = PAGES[section]!({ workspacePath: status.workspace.path, route, onNavigate: navigate });
  return (
    <AppShell workspace={status.workspace} nav={NAV} route={NAV_PARENT[section] ?? section} onNavigate={navigate} onLock={lock}>
      <PageFrame key={status.workspace.path}>{NEEDS_ANALYSIS.has(section) ? <AnalysisGate key={section}>{page}</AnalysisGate> : page}</PageFrame>
    </AppShell>
  );
}

/** Exists only to carry the workspace key, so every page's state is dropped when the workspace changes. */
function PageFrame({ children }: { children: ReactElement }) {
  return children;
}
