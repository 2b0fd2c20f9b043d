import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type RunningBridge } from '../../../electron/devBridge/bridgeServer';
import { AppSession } from '../../../electron/services/appSession';
import { launchChromium } from './chromium';
import { JobRegistry } from '../../../electron/services/jobRegistry';


/** A helper building its own copy (`npx vite build --outDir DIR`) can point the e2e tests at it. */
export const RENDERER_DIR = process.env.IOM_RENDERER_DIR ?? resolve(__dirname, '../../../dist/renderer');
export const SCREENSHOT_DIR = resolve(__dirname, '../../../test-output/screenshots');

export interface PreviewApp {
  session: AppSession;
  bridge: RunningBridge;
  browser: Browser;
  page: Page;
  dir: string;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** The built renderer in headless Chromium, talking to the real services through the loopback bridge. */
export async function startPreviewApp(): Promise<PreviewApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('The renderer is not built: run "npm run build" first (npm test does it).');
  const dir = mkdtempSync(join(tmpdir(), 'iom-e2e-'));
  const session = new AppSession();
  const bridge = await startBridge({ ctx: { session, host: { kind: 'bridge' }, actor: 'e2e-tester', jobs: new JobRegistry(), importWorkerPath: resolve(__dirname, '../../../dist/electron/importWorker.js') }, rendererDir: RENDERER_DIR });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const failedRequests: string[] = [];
  page.on('requestfailed', (request) => failedRequests.push(request.url()));
  await page.goto(bridge.entryUrl);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    session,
    bridge,
    browser,
    page,
    dir,
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
