import { describe, it } from 'vitest';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { serviceContext, openDemoWorkspace } from './support/workspaceSteps';
import { dispatchCall } from '../../electron/callDispatcher';
import type { CallOutput } from '../../shared/api/contract';

describe('tracking screen in the browser preview', () => {
  const preview = usePreviewApp();

  it('follows the demo’s existing cohort, with the comparison and what the figures cannot show', async () => {
    const { page } = preview.app;
    await openDemoWorkspace(preview.app, 'E2E tracking');
    await preview.app.nav('Tracking').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Tracking' }));
    await expectVisible(page.getByTestId('tracking-summary'));
    await expectContainsText(page.getByTestId('tracking-summary'), 'Everyone with an IOM start date');
    await expectContainsText(page.getByTestId('tracking-statement'), 'Arrests are not convictions');
    await expectVisible(page.getByTestId('tracking-by-type'));
    await expectVisible(page.getByTestId('tracking-projected'));
    await expectNoSeriousAxeViolations(page, 'Tracking');
    await preview.app.screenshot('tracking-0-existing-cohort');

    // Per person: every followed member has a row, the figures are the tracking call's own.
    const tracked = await dispatchCall(serviceContext(preview.app), 'tracking.track', {});
    if (!tracked.ok) throw new Error(tracked.error.message);
    const view = tracked.value as CallOutput<'tracking.track'>;
    const members = page.getByTestId('tracking-members');
    await expectVisible(members);
    const firstPage = Math.min(50, view.result.people.length);
    if ((await members.locator('tbody tr').count()) !== firstPage) throw new Error(`expected ${firstPage} member rows on the first page`);
    const fallFirst = [...view.result.people].sort((a, b) => a.afterRate - a.beforeRate - (b.afterRate - b.beforeRate))[0]!;
    await page.getByLabel('Order').selectOption('fall');
    await expectContainsText(members.locator('tbody tr').first(), String(fallFirst.beforeArrests));
    await page.getByRole('heading', { level: 2, name: 'Each member followed' }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await preview.app.screenshot('tracking-3-members');

    const working = page.getByTestId('tracking-projected-working');
    await working.locator('summary').click();
    await expectContainsText(working, view.result.projectedVsActual[0]!.working.slice(0, 40));
    await expectNoSeriousAxeViolations(page, 'Tracking with members and working');
  }, 180_000);
});
