import { afterAll, beforeAll, describe, it } from 'vitest';
import { startPreviewApp, type PreviewApp } from './support/previewApp';
import { expectContainsText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { createWorkspace } from './support/workspaceSteps';
import { buildDemoWorkspace } from '../../electron/services/demoWorkspace';

describe('tracking screen in the browser preview', () => {
  let app: PreviewApp;
  beforeAll(async () => {
    app = await startPreviewApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('follows the demo’s existing cohort, with the comparison and what the figures cannot show', async () => {
    const { page } = app;
    await createWorkspace(app, 'E2E tracking');
    await buildDemoWorkspace(app.session.requireWorkspace(), 'e2e-tester');
    await app.nav('Tracking').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Tracking' }));
    await expectVisible(page.getByTestId('tracking-summary'));
    await expectContainsText(page.getByTestId('tracking-summary'), 'Everyone with an IOM start date');
    await expectContainsText(page.getByTestId('tracking-statement'), 'Arrests are not convictions');
    await expectVisible(page.getByTestId('tracking-by-type'));
    await expectVisible(page.getByTestId('tracking-projected'));
    await expectNoSeriousAxeViolations(page, 'Tracking');
    await app.screenshot('tracking-0-existing-cohort');
  }, 180_000);
});
