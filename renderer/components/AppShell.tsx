import { useEffect, useState, type ReactNode } from 'react';
import type { WorkspaceInfo } from '../../shared/workspace/workspaceSchemas';
import { APP_TITLE } from './usePageArrival';
import { confirmLeave } from './leaveGuard';

export interface NavItem {
  route: string;
  label: string;
}

export const MAIN_ID = 'main';
/** The menu's state is a display preference, not workspace data: it is kept in the window's storage. */
const MENU_KEY = 'iom.sideMenuCollapsed';

function storedCollapsed(): boolean {
  try {
    return window.localStorage.getItem(MENU_KEY) === '1';
  } catch {
    return false;
  }
}

export function AppShell({ workspace, nav, route, onNavigate, onLock, children }: { workspace: WorkspaceInfo; nav: NavItem[]; route: string; onNavigate(route: string): void; onLock(): void; children: ReactNode }) {
  // On a 1280-wide screen the menu's 200 px go to the grid instead; the choice is remembered.
  const [collapsed, setCollapsed] = useState(storedCollapsed);
  useEffect(() => {
    try {
      window.localStorage.setItem(MENU_KEY, collapsed ? '1' : '0');
    } catch {
      // Storage refused (a locked-down profile): the menu still toggles for this run.
    }
  }, [collapsed]);

  return (
    <div className={collapsed ? 'shell shell-menu-collapsed' : 'shell'}>
      <a
        className="skip-link"
        href={`#${MAIN_ID}`}
        onClick={(e) => {
          // The hash is the route here, so the link moves the focus itself instead of following its address.
          e.preventDefault();
          const main = document.getElementById(MAIN_ID);
          const target = main?.querySelector('h1') ?? main;
          if (target instanceof HTMLElement) {
            if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
            target.focus();
          }
        }}
      >
        Skip to the page content
      </a>
      <header className="topbar">
        <button type="button" className="button secondary menu-toggle" aria-expanded={!collapsed} aria-controls="side-menu" onClick={() => setCollapsed((c) => !c)}>
          <span aria-hidden="true">☰</span> {collapsed ? 'Show menu' : 'Hide menu'}
        </button>
        <div className="brand">{APP_TITLE}</div>
        <div className="topbar-workspace" title={workspace.path}>
          <span className="lock-dot" aria-hidden="true" /> {workspace.name}
        </div>
        <button type="button" className="button secondary" onClick={onLock}>
          Lock
        </button>
      </header>
      <nav className="sidenav" id="side-menu" aria-label="Main" hidden={collapsed}>
        <ul>
          {nav.map((item) => (
            <li key={item.route}>
              <a href={`#/${item.route}`} aria-current={route === item.route ? 'page' : undefined} onClick={(e) => { e.preventDefault(); if (confirmLeave()) onNavigate(item.route); }}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id={MAIN_ID}>
        {children}
      </main>
    </div>
  );
}
