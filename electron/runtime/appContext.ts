import type { AppSession } from './appSession';
import type { JobRegistry } from '../jobs/jobRegistry';

/** What differs between the Electron app, the browser preview and the CLI, behind one interface. */
export interface HostPlatform {
  readonly kind: 'electron' | 'bridge' | 'cli' | 'test';
  /** The app's own data folder (the demo workspace lives there); absent where the host has none (CLI, tests). */
  readonly dataDir?: string;
  /** A native file dialog; null where the host has none (the browser preview). */
  chooseFile?(mode: 'open' | 'create', purpose: 'workspace' | 'import' | 'export', suggestedName?: string): Promise<string | null>;
  /** Prints a self-contained HTML document to PDF bytes (Electron's printToPDF); absent where the host has no printer (browser preview, CLI, tests). */
  printPdf?(html: string): Promise<Uint8Array>;
}

export interface AppContext {
  readonly session: AppSession;
  readonly host: HostPlatform;
  /** Who is acting, for the audit trail: the operating-system user name. */
  readonly actor: string;
  /** Long-running work (imports) in progress, polled by the UI. */
  readonly jobs: JobRegistry;
  /** The built import worker; without it imports run in this thread (CLI, unit tests). */
  readonly importWorkerPath?: string;
}
