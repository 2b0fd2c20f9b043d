import type { ReactNode } from 'react';
import type { WorkspaceInfo } from '../../shared/api/workspaceCalls';

export interface NavItem {
  route: string;
  label: string;
}

export function AppShell({ workspace, nav, route, onNavigate, onLock, children }: { workspace: WorkspaceInfo; nav: NavItem[]; route: string; onNavigate(route: string): void; onLock(): void; children: ReactNode }) {
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">IOM Cohort Workbench</div>
        <div className="topbar-workspace" title={workspace.path}>
          <span className="lock-dot" aria-hidden="true" /> {workspace.name}
        </div>
        <button type="button" className="button secondary" onClick={onLock}>
          Lock
        </button>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {nav.map((item) => (
            <li key={item.route}>
              <a href={`#/${item.route}`} aria-current={route === item.route ? 'page' : undefined} onClick={(e) => { e.preventDefault(); onNavigate(item.route); }}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main">
        {children}
      </main>
    </div>
  );
}
