import { describe, expect, it } from 'vitest';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { acceptFirstOnPanel, openDemoWorkspace } from './support/workspaceSteps';
import { workspaceCaseload } from '../../electron/tracking/caseloadService';
import { recordExit } from '../../electron/tracking/cohortMembership';
import { runShortlist } from '../../electron/analysis/analysisService';
import { defaultIntakeParamsFor, saveIntakeParams } from '../../electron/intake/intakePlanService';
import { DEFAULT_EXISTING_COHORT_RULE } from '../../shared/shortlist/newEntrantCapacity';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';

/**
 * Recording an exit on the Tracking screen (issue 20, point 1), taking it back after a preview of
 * what changes, undoing that, and the Home page's caseload following: the demo's existing cohort
 * (42 clients, started June–November 2012).
 */
describe('exits on the tracking screen', () => {
  const preview = usePreviewApp();

  it('records an exit with a reason and a note, takes it back after a preview, undoes that, and the caseload follows', async () => {
    const { page } = preview.app;
    await openDemoWorkspace(preview.app, 'E2E tracking exits');
    // A shortlist made before the exit: its places were counted with all 42 clients on the books.
    runShortlist(preview.app.session.requireWorkspace(), { ...DEFAULT_SELECTION_RULE_SET, existingCohort: { ...DEFAULT_EXISTING_COHORT_RULE, include: false } }, 'e2e-tester');
    await preview.app.nav('Tracking').click();
    const exits = page.getByTestId('tracking-exits');
    await expectVisible(exits);
    await expectContainsText(exits, 'No one has been recorded as leaving.');

    // "Other" needs words: refused on screen, nothing written.
    await exits.getByLabel('Member').selectOption({ index: 1 });
    const chosen = (await exits.getByLabel('Member').locator('option:checked').textContent()) ?? '';
    await exits.getByLabel('Exit date').fill('15/10/2013');
    await exits.getByLabel('Reason').selectOption('Other');
    await exits.getByRole('button', { name: 'Record exit' }).click();
    await expectContainsText(exits, 'Say in a few words why the member left');
    expect(workspaceCaseload(preview.app.session.requireWorkspace()).left).toBe(0);

    await exits.getByLabel('Reason').selectOption('Moved out of the borough');
    await exits.getByLabel('Note (optional)').fill('to Leeds');
    await exits.getByRole('button', { name: 'Record exit' }).click();
    await expectContainsText(page.getByTestId('exit-status'), 'Their place is free from Oct 2013.');
    await expectContainsText(page.getByTestId('exits-table'), 'Moved out of the borough: to Leeds');
    await expectContainsText(page.getByTestId('exits-table'), chosen.split(' · ')[0]!);
    await expectContainsText(page.getByTestId('tracking-summary'), '1 recorded as having left');
    expect(workspaceCaseload(preview.app.session.requireWorkspace())).toMatchObject({ started: 42, left: 1, onTheBooks: 41 });
    await expectNoSeriousAxeViolations(page, 'Tracking exits');
    await page.getByTestId('exits-table').scrollIntoViewIfNeeded();
    await preview.app.screenshot('tracking-exits-1-recorded');

    // Taking it back shows what changes first.
    await page.getByTestId('exits-table').getByRole('button', { name: 'Take back…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Take back this exit?' });
    await expectVisible(dialog);
    await expectContainsText(dialog, 'goes back on the cohort: the exit of 15 Oct 2013 (“Moved out of the borough: to Leeds”) is removed');
    await expectContainsText(dialog, 'The caseload counts them again from Oct 2013, so one place fewer is free for new entrants');
    await preview.app.screenshot('tracking-exits-2-take-back-preview');
    await dialog.getByRole('button', { name: 'Take back the exit' }).click();
    await expectContainsText(page.getByTestId('exit-status'), 'Exit taken back');
    await expectContainsText(exits, 'No one has been recorded as leaving.');
    expect(workspaceCaseload(preview.app.session.requireWorkspace()).left).toBe(0);

    // …and the take-back can be undone: the same exit, recorded again.
    await page.getByTestId('exit-undo').click();
    await expectContainsText(page.getByTestId('exit-status'), 'Exit recorded again');
    await expectContainsText(page.getByTestId('exits-table'), 'Moved out of the borough: to Leeds');
    expect(workspaceCaseload(preview.app.session.requireWorkspace()).left).toBe(1);
    const actions = preview.app.session.requireWorkspace().db.prepare("SELECT action FROM audit_log WHERE action LIKE 'tracking.%' ORDER BY id").pluck().all();
    expect(actions).toEqual(['tracking.recordExit', 'tracking.clearExit', 'tracking.recordExit']);

    // The Home page's caseload leaves the leaver out.
    await preview.app.nav('Home').click();
    await expectContainsText(page.getByTestId('home-current-clients'), '41 current IOM clients');
    await expectContainsText(page.getByTestId('home-current-clients'), 'less 1 recorded as having left');
    await expectContainsText(page.getByTestId('home-caseload-changed'), 'The caseload has changed since this shortlist was made (42 then, 41 now)');
    await page.getByTestId('home-current-clients').scrollIntoViewIfNeeded();
    await preview.app.screenshot('tracking-exits-3-home-caseload');
  }, 240_000);
});

describe('exits and the intake plan in the browser preview', () => {
  const preview = usePreviewApp();

  it('an accepted member who left frees their place in the intake plan from the month they left', async () => {
    const { page } = preview.app;
    const workspace = await openDemoWorkspace(preview.app, 'E2E intake exits');
    const { shortlistId } = runShortlist(workspace, { ...DEFAULT_SELECTION_RULE_SET, existingCohort: { ...DEFAULT_EXISTING_COHORT_RULE, include: false } }, 'e2e-tester');
    const { sessionId } = acceptFirstOnPanel(workspace, shortlistId, 30, 'closed');
    // A full team: 90 on the books of 100, no one forecast to leave, starts as fast as room allows: 10 in January, then none.
    saveIntakeParams(workspace, { ...defaultIntakeParamsFor(workspace), existingCaseload: 90, exitRatePerMonth: 0, pace: 'asap' }, 'e2e-tester');

    await preview.app.nav('Intake plan').click();
    await expectVisible(page.getByTestId('intake-months'));
    await expectText(page.getByTestId('starts-2014-01'), '10');
    await expectText(page.getByTestId('starts-2014-02'), '0');

    // On the Tracking screen (the new cohort, starting in its tranches), a January starter left in February.
    await preview.app.nav('Tracking').click();
    const exits = page.getByTestId('tracking-exits');
    await expectVisible(exits);
    const member = exits.getByLabel('Member');
    const january = await member.locator('option', { hasText: 'started 1 Jan 2014' }).first().getAttribute('value');
    expect(january).toBeTruthy();
    await member.selectOption(january!);
    await exits.getByLabel('Exit date').fill('14/02/2014');
    await exits.getByLabel('Reason').selectOption('Sentenced to custody');
    await exits.getByRole('button', { name: 'Record exit' }).click();
    await expectContainsText(page.getByTestId('exit-status'), 'Their place is free from Feb 2014.');

    await preview.app.nav('Intake plan').click();
    await expectText(page.getByTestId('starts-2014-02'), '1');
    await expectText(page.getByTestId('left-2014-02'), '1 (1 recorded)');
    await expectText(page.getByTestId('caseload-2014-02'), '100');
    await expectText(page.getByTestId('intake-planned'), '11');
    await expectNoSeriousAxeViolations(page, 'Intake plan with an exit');
    await page.getByTestId('intake-months').scrollIntoViewIfNeeded();
    await preview.app.screenshot('tracking-exits-4-intake-months');

    // A client already on the books leaves too (through the same service as the CLI): the panel's
    // summary says its capacity was sized on the caseload before.
    const client = workspace.db.prepare('SELECT id FROM people WHERE cohort_start_date IS NOT NULL ORDER BY id LIMIT 1').pluck().get() as number;
    recordExit(workspace, client, '2014-03-03', 'Completed the programme', 'e2e-tester');
    await page.evaluate((id) => {
      window.location.hash = `#/panel/${id}`;
    }, sessionId);
    await page.getByRole('button', { name: 'Final cohort' }).click();
    await expectContainsText(page.getByTestId('pnl-caseload-changed'), '(42 then, 41 now');
    await expectContainsText(page.getByTestId('pnl-caseload-changed'), '1 place more may be free');
    await expectNoSeriousAxeViolations(page, 'Panel summary after an exit');
    await preview.app.screenshot('tracking-exits-5-panel-summary');
  }, 240_000);
});
