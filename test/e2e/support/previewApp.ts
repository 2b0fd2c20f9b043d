import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startBridge, type RunningBridge } from '../../../electron/devBridge/bridgeServer';
import { AppSession } from '../../../electron/runtime/appSession';
import { launchChromium } from './chromium';
import { JobRegistry } from '../../../electron/jobs/jobRegistry';
import { IMPORT_WORKER_PATH } from '../../support/nodeBuild';
import { E2E_ACTOR } from './workspaceSteps';


/** A helper building its own copy (`npx vite build --outDir DIR`) can point the e2e tests at it. */
const RENDERER_DIR = process.env.IOM_RENDERER_DIR ?? resolve(__dirname, '../../../dist/renderer');
export const SCREENSHOT_DIR = resolve(__dirname, '../../../test-output/screenshots');

export interface PreviewApp {
  session: AppSession;
  jobs: JobRegistry;
  bridge: RunningBridge;
  browser: Browser;
  page: Page;
  dir: string;
  /** What went wrong in the page once it had loaded, for a final `expect(app.pageErrors).toEqual([])`. */
  pageErrors: string[];
  /** A link in the main navigation, by its exact label. */
  nav(name: string): Locator;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

interface PageErrorOptions {
  /** Console errors count too (default); a refused resource's bare console line is left to `failedResponses`. */
  consoleErrors?: boolean;
  /** Responses of 400 and up count, with their address (default off). */
  failedResponses?: boolean;
}

/** Uncaught errors, and as asked console errors and failed responses, collected as they happen. */
function collectPageErrors(page: Page, { consoleErrors = true, failedResponses = false }: PageErrorOptions): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (consoleErrors) {
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
  }
  if (failedResponses) {
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
  }
  return errors;
}

/** The built renderer in headless Chromium, talking to the real services through the loopback bridge. */
async function startPreviewApp(errorOptions: PageErrorOptions = {}, jobs: JobRegistry = new JobRegistry()): Promise<PreviewApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('The renderer is not built: run "npm run build" first (npm test does it).');
  const dir = mkdtempSync(join(tmpdir(), 'iom-e2e-'));
  const session = new AppSession();
  const bridge = await startBridge({ ctx: { session, host: { kind: 'bridge', dataDir: join(dir, 'app-data') }, actor: E2E_ACTOR, jobs, importWorkerPath: IMPORT_WORKER_PATH }, rendererDir: RENDERER_DIR });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const failedRequests: string[] = [];
  page.on('requestfailed', (request) => failedRequests.push(request.url()));
  await page.goto(bridge.entryUrl);
  const pageErrors = collectPageErrors(page, errorOptions);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    session,
    jobs,
    bridge,
    browser,
    page,
    dir,
    pageErrors,
    nav: (name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }),
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    async close() {
      await browser.close();
      session.lock('user');
      await bridge.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The preview app, started before the describe's tests and closed after them. Read `app` inside a
 * test or a later hook: it exists once this `beforeAll` has run (hooks run in the order registered).
 */
export function usePreviewApp(errorOptions: PageErrorOptions = {}, jobs?: JobRegistry): { readonly app: PreviewApp } {
  let app: PreviewApp | undefined;
  beforeAll(async () => {
    app = await startPreviewApp(errorOptions, jobs);
  });
  afterAll(async () => {
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('The preview app starts in beforeAll: read it inside a test.');
      return app;
    },
  };
}
