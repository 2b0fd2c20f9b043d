import { useCallback, useEffect, useState } from 'react';
import { call, onWorkspaceLocked } from './api/client';
import type { WorkspaceStatus } from '../shared/api/workspaceCalls';
import { UnlockPage } from './pages/Unlock/UnlockPage';
import { HomePage } from './pages/Home/HomePage';
import { ImportPage } from './pages/Import/ImportPage';
import { LinkReviewPage } from './pages/LinkReview/LinkReviewPage';
import { CandidatesPage } from './pages/Candidates/CandidatesPage';
import { PersonPage } from './pages/Person/PersonPage';
import { ProjectionPage } from './pages/Projection/ProjectionPage';
import { ChartsPage } from './pages/Charts/ChartsPage';
import { SettingsPage } from './pages/Settings/SettingsPage';
import { AppShell, type NavItem } from './components/AppShell';
import { LoadingState } from './components/LoadingState';
import { ErrorNotice } from './components/ErrorNotice';
import { useHashRoute } from './useHashRoute';

const NAV: NavItem[] = [
  { route: 'home', label: 'Home' },
  { route: 'candidates', label: 'Candidates' },
  { route: 'import', label: 'Import' },
  { route: 'projection', label: 'Projection' },
  { route: 'charts', label: 'Charts' },
  { route: 'settings', label: 'Settings' },
  { route: 'links', label: 'Link reviews' },
];

export function App() {
  const [status, setStatus] = useState<WorkspaceStatus | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [route, navigate] = useHashRoute('home');

  const refresh = useCallback(() => {
    call('workspace.status', {}).then(setStatus, (e: unknown) => setFatal(e instanceof Error ? e.message : String(e)));
  }, []);

  useEffect(refresh, [refresh]);
  // A lock from elsewhere (idle timer, suspend) surfaces as a locked answer: drop every screen's data.
  useEffect(() => onWorkspaceLocked(refresh), [refresh]);

  if (fatal) return <main className="unlock-page"><ErrorNotice message={fatal} title="The app cannot start" /></main>;
  if (!status) return <LoadingState label="Starting…" />;
  if (status.state === 'locked') {
    return <UnlockPage lastPath={status.lastPath} lockReason={status.reason} onUnlocked={(workspace) => setStatus({ state: 'unlocked', workspace })} />;
  }
  const lock = () => call('workspace.lock', {}).then(setStatus, refresh);
  const section = route.split('/')[0] ?? 'home';
  return (
    <AppShell workspace={status.workspace} nav={NAV} route={section === 'person' ? 'candidates' : section} onNavigate={navigate} onLock={lock}>
      {section === 'candidates' ? <CandidatesPage key={status.workspace.path} workspacePath={status.workspace.path} route={route} onNavigate={navigate} /> : section === 'person' ? <PersonPage key={`${status.workspace.path}:${route}`} personId={Number(route.split('/')[1])} workspacePath={status.workspace.path} onNavigate={navigate} /> : section === 'projection' ? <ProjectionPage key={status.workspace.path} /> : section === 'charts' ? <ChartsPage key={status.workspace.path} /> : section === 'settings' ? <SettingsPage key={status.workspace.path} /> : section === 'import' ? <ImportPage key={status.workspace.path} /> : section === 'links' ? <LinkReviewPage key={status.workspace.path} /> : <HomePage key={status.workspace.path} />}
    </AppShell>
  );
}
