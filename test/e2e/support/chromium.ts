import { chromium, type Browser } from 'playwright-core';
import { resolveBrowser } from '../../../electron/report/headlessChromium';

/**
 * The browser the app's own report printing would use (CHROME_PATH, else the system's Chromium,
 * Chrome or Edge, else the one `npm install` brought): a machine with none fails loudly, never
 * skips the UI tests.
 */
async function findChromium(): Promise<string> {
  const found = await resolveBrowser();
  if (!found) {
    throw new Error(
      process.env.CHROME_PATH
        ? `CHROME_PATH=${process.env.CHROME_PATH} does not exist.`
        : 'No Chromium for the UI tests: none is installed and the packaged one (@sparticuz/chromium, Linux x64 only) is missing. Run npm install, or set CHROME_PATH to a Chromium/Chrome binary.',
    );
  }
  return found.path;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await findChromium(),
    headless: true,
    // The build machines have no network: background services would only produce refused connections.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
