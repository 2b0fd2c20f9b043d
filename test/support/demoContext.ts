import { dispatchCall } from '../../electron/callDispatcher';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { AppContext } from '../../electron/runtime/appContext';
import { buildDemoWorkspace } from '../../electron/workspace/demoWorkspace';
import { makeTempWorkspace, TEST_PASSPHRASE } from './tempWorkspace';

export interface DemoContext {
  ctx: AppContext;
  /** A call through the real dispatcher; fails the test with the call's own error when refused. */
  value<T>(name: string, input: unknown): Promise<T>;
  cleanup(): void;
}

/** A call through the real dispatcher; fails the test with the call's own error when refused. */
export async function callValue<T = unknown>(ctx: AppContext, call: string, input: unknown): Promise<T> {
  const result = await dispatchCall(ctx, call, input);
  if (!result.ok) throw new Error(`${call}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** An unlocked session over a new encrypted workspace filled with the synthetic seed-shaped demo. */
export async function openDemoContext(name: string): Promise<DemoContext> {
  const temp = makeTempWorkspace(name);
  await buildDemoWorkspace(temp.workspace, 'tester');
  const ctx: AppContext = { session: new AppSession(), host: { kind: 'test' }, actor: 'tester', jobs: new JobRegistry() };
  ctx.session.adopt(temp.workspace, TEST_PASSPHRASE);
  return {
    ctx,
    value: <T,>(call: string, input: unknown) => callValue<T>(ctx, call, input),
    cleanup() {
      ctx.session.lock('user');
      temp.temp.remove();
    },
  };
}
