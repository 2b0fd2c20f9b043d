import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AppSession } from '../runtime/appSession';
import { IDLE_CHECK_INTERVAL_MS, idleLockMinutes } from '../runtime/idleLock';
import { startBridge } from './bridgeServer';
import { JobRegistry } from '../jobs/jobRegistry';
import { findAppRoot } from '../runtime/appLayout';
import { defaultDataDir } from '../runtime/dataFolder';
import { installFileLog } from '../logFile';


/** `npm run preview`: the built renderer in a browser, against the real services, on loopback only. */
async function main(): Promise<void> {
  const session = new AppSession();
  const portArg = process.argv.find((a) => a.startsWith('--port='));
  const dataDirArg = process.argv.find((a) => a.startsWith('--data-dir='));
  const dataDir = dataDirArg ? dataDirArg.slice('--data-dir='.length) : defaultDataDir();
  const logFile = installFileLog(dataDir);
  const bridge = await startBridge({
    ctx: { session, host: { kind: 'bridge', dataDir }, actor: userInfo().username, jobs: new JobRegistry(), importWorkerPath: join(__dirname, '..', 'electron', 'importWorker.js') },
    rendererDir: join(__dirname, '..', 'renderer'),
    faviconPath: join(findAppRoot(__dirname), 'assets', 'icon.ico'),
    ...(portArg ? { port: Number(portArg.slice('--port='.length)) } : {}),
  });
  setInterval(() => session.lockIfIdle(idleLockMinutes(session)), IDLE_CHECK_INTERVAL_MS).unref();
  process.stdout.write(`Browser preview (loopback only) — open:\n  ${bridge.entryUrl}\nPress Ctrl+C to stop; the workspace is locked on exit.\n${logFile ? `Log (no personal data): ${logFile}\n` : ''}`);
  const stop = () => {
    session.lock('user');
    void bridge.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
