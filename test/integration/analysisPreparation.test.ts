import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { AppContext } from '../../electron/runtime/appContext';
import { invalidateAnalysisModel, isAnalysisModelReady, loadAnalysisModel, prepareAnalysisModel, type ModelBuildProgress } from '../../electron/analysis/analysisModelLoader';
import { fillScaleWorkspace } from '../support/scaleWorkspace';
import { makeTempWorkspace, TEST_PASSPHRASE } from '../support/tempWorkspace';

/**
 * Loading the analysis model after an unlock takes seconds on a big workspace, so it runs as a job
 * the analyst can follow and stop. 30,000 people and 300,000 arrests give several progress steps.
 */
describe('preparing the analysis model as a job', () => {
  const temp = makeTempWorkspace('Preparation');
  let ctx: AppContext;

  beforeAll(() => {
    fillScaleWorkspace(temp.workspace, 30_000, 10);
    ctx = { session: new AppSession(), host: { kind: 'test' }, actor: 'tester', jobs: new JobRegistry() };
    ctx.session.adopt(temp.workspace, TEST_PASSPHRASE);
  });
  afterAll(() => {
    ctx.session.lock('user');
    temp.temp.remove();
  });

  it('builds in steps with rising progress and gives the same model as the one-go load', async () => {
    invalidateAnalysisModel(temp.workspace);
    const steps: ModelBuildProgress[] = [];
    const paced = await prepareAnalysisModel(temp.workspace, (p) => {
      steps.push(p);
      return true;
    });
    expect(paced).not.toBeNull();
    expect(steps.length).toBeGreaterThan(5);
    expect(steps.map((s) => s.phase)).toContain('Reading people');
    expect(steps.map((s) => s.phase)).toContain('Reading arrests');
    const fractions = steps.map((s) => s.fraction ?? 0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.every((f) => f > 0 && f < 1)).toBe(true);

    invalidateAnalysisModel(temp.workspace);
    const direct = loadAnalysisModel(temp.workspace);
    expect(paced!.people.length).toBe(30_000);
    expect(direct.people.map((p) => p.id)).toEqual(paced!.people.map((p) => p.id));
    expect(direct.index.arrestCount).toBe(paced!.index.arrestCount);
    expect(direct.people[123]).toEqual(paced!.people[123]);
  });

  it('stops when told to and keeps nothing half-built', async () => {
    invalidateAnalysisModel(temp.workspace);
    let calls = 0;
    const stopped = await prepareAnalysisModel(temp.workspace, () => ++calls < 3);
    expect(stopped).toBeNull();
    expect(calls).toBe(3);
    expect(isAnalysisModelReady(temp.workspace)).toBe(false);
  });

  async function prepare(): Promise<{ ready: true } | { ready: false; jobId: string }> {
    const result = await dispatchCall(ctx, 'analysis.prepare', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { ready: true } | { ready: false; jobId: string };
  }
  async function prepareJob(): Promise<string> {
    const answer = await prepare();
    if (answer.ready) throw new Error('expected a job');
    return answer.jobId;
  }

  it('answers at once when current, otherwise gives a job that can be cancelled or followed to the end', async () => {
    invalidateAnalysisModel(temp.workspace);
    const first = await prepareJob();
    // A second screen asking while it loads follows the same job rather than starting another.
    expect(await prepareJob()).toBe(first);
    ctx.jobs.cancel(first);
    const cancelled = await ctx.jobs.settle(first);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.error?.message).toMatch(/stopped/);
    expect(isAnalysisModelReady(temp.workspace)).toBe(false);

    const again = await prepareJob();
    expect(again).not.toBe(first);
    const done = await ctx.jobs.settle(again);
    expect(done.state).toBe('done');
    expect(done.fraction).toBe(1);
    expect(await prepare()).toEqual({ ready: true });
  });

  it('refuses while the workspace is locked', async () => {
    const session = new AppSession();
    const locked = await dispatchCall({ ...ctx, session }, 'analysis.prepare', {});
    expect(locked.ok ? null : locked.error.code).toBe('workspace_locked');
  });
});
