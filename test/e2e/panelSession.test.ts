import { describe, expect, it } from 'vitest';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { openDemoWorkspace } from './support/workspaceSteps';
import { verifyAuditChain } from '../../electron/workspace/auditLog';

describe('a panel session through the UI', () => {
  const preview = usePreviewApp({ failedResponses: true });

  const personName = async () => (await preview.app.page.getByTestId('pnl-person-name').textContent())?.trim() ?? '';

  it('runs the selection rules with the staffing capacity and shows who is in, out and why', async () => {
    const { page } = preview.app;
    // The seed-shaped demo goes in through the real import pipeline.
    await openDemoWorkspace(preview.app, 'E2E panel');

    await preview.app.nav('Panel').click();
    await expectVisible(page.getByRole('heading', { name: 'No panel sessions yet' }));
    await preview.app.nav('Shortlist').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Shortlist' }));
    await expectVisible(page.getByRole('heading', { name: 'No shortlist yet' }));
    // Capacity defaults to the workspace's staffing, with its working.
    await expectText(page.getByTestId('staffing-capacity'), '100 clients');
    await expectContainsText(page.getByTestId('staffing-working'), '100 = min(3 offender managers × 40 = 120; 2 police leads × 50 = 100)');
    expect(await page.getByRole('radio', { name: /From the staffing setting/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Reference date').inputValue()).toBe('31/10/2013');
    await preview.app.screenshot('shortlist-0-rules');

    // A fixed capacity left blank is refused on the field, before anything is run.
    await page.getByRole('radio', { name: 'A fixed number of clients' }).check();
    await page.getByLabel('Fixed capacity (clients)').fill('');
    await page.getByRole('button', { name: 'Run the selection rules' }).click();
    await expectVisible(page.getByText('A whole number of clients.'));
    await page.getByRole('radio', { name: /From the staffing setting/ }).check();
    // The places are net of the current IOM clients, worked out as the figures are typed.
    await expectContainsText(page.getByTestId('sl-places-working'), '61 places to fill: 61 places for new entrants = team capacity 100 − 42 current clients');
    await page.getByLabel('Leaving each month (%)').fill('0');
    await expectContainsText(page.getByTestId('sl-places-working'), '58 places to fill');
    await page.getByLabel('Leaving each month (%)').fill('1.76');
    // An OGRS threshold outside 0–100 is refused on its field.
    await page.getByLabel('Also everyone with an OGRS score of at least').fill('120');
    await page.getByRole('button', { name: 'Run the selection rules' }).click();
    await expectVisible(page.getByText('An OGRS score from 0 to 100, or blank for none.'));
    await page.getByLabel('Also everyone with an OGRS score of at least').fill('');

    await page.getByRole('button', { name: 'Run the selection rules' }).click();
    await expectContainsText(page.getByTestId('sl-status'), 'Shortlist made: 61 people included of a capacity of 61');
    await expectText(page.getByTestId('sl-included'), '61');
    // The demo's 42 current IOM clients are left out and the places are net of them (issue 16).
    await expectContainsText(page.getByTestId('sl-summary'), '61 places for new entrants = team capacity 100 − 42 current clients');
    await expectContainsText(page.getByTestId('sl-summary'), 'constrained by police leads');
    const members = page.getByTestId('sl-members');
    await expectContainsText(members.locator('tbody tr').first(), 'included: DTOA');
    expect(await members.locator('tbody tr').count()).toBe(61);
    await page.getByTestId('sl-tab-excluded').click();
    await expectContainsText(members.locator('tbody tr').first(), 'excluded:');
    await page.getByTestId('sl-tab-over_capacity').click();
    await expectContainsText(members.locator('tbody tr').first(), 'over capacity: ranked');
    await page.getByTestId('sl-tab-included').click();
    await expectContainsText(members.locator('tbody tr').first(), 'included: DTOA');
    await page.getByRole('heading', { name: 'Latest shortlist' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await preview.app.screenshot('shortlist-1-result');
    await page.getByRole('heading', { name: 'Who the rules chose, and why' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await preview.app.screenshot('shortlist-2-members');

    await expectNoSeriousAxeViolations(page, 'Shortlist');
    expect(preview.app.pageErrors).toEqual([]);
  });

  it('starts a session and decides people one at a time: accept, reject, defer, then a revision', async () => {
    const { page } = preview.app;
    const form = page.getByRole('form', { name: 'Start a panel session' });
    await form.getByLabel('Title').fill('Partnership cohort selection panel');
    await form.getByLabel('Held on').fill('16/12/2013');
    await form.getByLabel('Member 1 name').fill('DS Example');
    await form.getByLabel('Member 2 name').fill('Offender manager');
    await form.getByLabel('Member 3 name').fill('YOS lead');
    await form.getByLabel('Reserves').fill('2');
    await form.getByRole('button', { name: 'Start the panel session' }).click();

    await expectText(page.getByTestId('pnl-title'), 'Partnership cohort selection panel');
    await expectContainsText(page.getByTestId('pnl-members'), 'PoliceDS Example');
    await expectContainsText(page.getByTestId('pnl-members'), 'Youth offending serviceYOS lead');
    expect(await page.getByTestId('pnl-members').textContent()).not.toContain('Council');
    await expectText(page.getByTestId('pnl-decided'), '0 / 63');
    await expectText(page.getByTestId('pnl-accepted-count'), '0 / 61');
    await expectText(page.getByTestId('pnl-place'), 'Person 1 of 63');
    await expectContainsText(page.getByTestId('pnl-reason'), 'included: DTOA');
    await preview.app.screenshot('panel-0-first-person');

    // 1: accepted from the keyboard (A, then Enter on the focused button).
    const first = await personName();
    await page.keyboard.press('a');
    await expectVisible(page.getByRole('button', { name: 'Record the decision' }).and(page.locator(':focus')));
    await page.keyboard.press('Enter');
    await expectText(page.getByTestId('pnl-place'), 'Person 2 of 63');
    await expectContainsText(page.getByTestId('pnl-announcement'), `Recorded for ${first}: Accepted. 1 of 63 decided.`);
    await expectText(page.getByTestId('pnl-decided'), '1 / 63');

    // 2: rejected, in custody.
    const second = await personName();
    await page.getByRole('radio', { name: /Reject/ }).check();
    await page.getByLabel('Reason', { exact: true }).selectOption('in_custody');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expectText(page.getByTestId('pnl-place'), 'Person 3 of 63');
    expect(second).not.toBe(first);

    // 3: deferred for "other": refused until the note says why.
    // D leaves the focus on Record, never in the reason list (whose type-ahead would take the next key).
    await page.keyboard.press('d');
    await expectVisible(page.getByRole('button', { name: 'Record the decision' }).and(page.locator(':focus')));
    await page.getByLabel('Reason', { exact: true }).selectOption('other');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expectVisible(page.getByRole('alert').filter({ hasText: 'Say in the note why' }));
    await page.getByLabel('Note (say why)').fill('Probation to confirm the address before the next meeting');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expectText(page.getByTestId('pnl-place'), 'Person 4 of 63');

    // 4: accepted with the mouse.
    await page.getByRole('radio', { name: /Accept/ }).check();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expectText(page.getByTestId('pnl-place'), 'Person 5 of 63');
    await expectText(page.getByTestId('pnl-accepted-count'), '2 / 61');

    // Back to the first (← three times, then Previous) and revise: a tactical concern.
    await page.keyboard.press('ArrowLeft');
    await expectText(page.getByTestId('pnl-place'), 'Person 4 of 63');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expectText(page.getByTestId('pnl-place'), 'Person 2 of 63');
    await page.getByRole('button', { name: '← Previous' }).click();
    await expectText(page.getByTestId('pnl-person-name'), first);
    await expectContainsText(page.getByTestId('pnl-current'), 'Accepted');
    await page.getByRole('radio', { name: /Reject/ }).check();
    await page.getByLabel('Reason', { exact: true }).selectOption('tactical_concern');
    await page.getByLabel('Note', { exact: true }).fill('DV perpetrator: agree the intervention first');
    await page.getByRole('button', { name: 'Record the revised decision' }).click();
    await expectText(page.getByTestId('pnl-place'), 'Person 2 of 63');
    await page.keyboard.press('ArrowLeft');
    await expectText(page.getByTestId('pnl-person-name'), first);
    await expectContainsText(page.getByTestId('pnl-current'), 'Rejected · Tactical concern (e.g. DV risk)');
    await expectContainsText(page.getByTestId('pnl-history'), 'Accepted');
    await expectContainsText(page.getByTestId('pnl-history'), 'e2e-tester');
    // The same decision again would only repeat the history: the form waits for a change.
    expect(await page.getByRole('button', { name: 'Record the revised decision' }).isDisabled()).toBe(true);

    await expectText(page.getByTestId('pnl-decided'), '4 / 63');
    await expectText(page.getByTestId('pnl-accepted-count'), '1 / 61');
    await expectText(page.getByTestId('pnl-rejected-count'), '2');
    await expectText(page.getByTestId('pnl-deferred-count'), '1');
    await expectText(page.getByTestId('pnl-capacity-standing'), '1 accepted of a capacity of 61: 60 places left');
    await page.getByTestId('pnl-history').scrollIntoViewIfNeeded();
    await preview.app.screenshot('panel-1-revised-history');
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await preview.app.screenshot('panel-2-walk-top');

    await expectNoSeriousAxeViolations(page, 'Panel, one at a time');
    expect(preview.app.pageErrors).toEqual([]);
  });

  it('shows the session as a list and the final cohort against capacity, and closes it', async () => {
    const { page } = preview.app;
    await page.getByRole('button', { name: 'As a list' }).click();
    const list = page.getByTestId('pnl-list');
    expect(await list.locator('tbody tr').count()).toBe(63);
    await page.getByRole('button', { name: /^Rejected/ }).click();
    expect(await list.locator('tbody tr').count()).toBe(2);
    await expectContainsText(list, '(revised)');
    await preview.app.screenshot('panel-3-list-rejected');

    await page.getByRole('button', { name: 'Final cohort' }).click();
    await expectContainsText(page.getByTestId('pnl-cohort-standing'), '1 in the final cohort against a capacity of 61: 60 places left');
    await expectContainsText(page.getByTestId('pnl-reasons'), 'Tactical concern');
    await expectContainsText(page.getByTestId('pnl-reasons'), 'In custody');
    expect(await page.getByTestId('pnl-accepted').locator('tbody tr').count()).toBe(1);
    await preview.app.screenshot('panel-4-final-cohort');
    await expectNoSeriousAxeViolations(page, 'Panel, final cohort');

    await page.getByRole('button', { name: 'Close the session' }).click();
    await expectText(page.getByTestId('pnl-status'), 'Closed');
    await page.getByRole('button', { name: 'One at a time' }).click();
    expect(await page.getByRole('button', { name: /Record the/ }).isDisabled()).toBe(true);
    await preview.app.nav('Panel').click();
    await expectContainsText(page.getByTestId('pnl-sessions'), '4 of 63');
    await expectContainsText(page.getByTestId('pnl-sessions'), 'Closed');
    await preview.app.screenshot('panel-5-sessions');

    // Every decision is in the audit trail by id only, and the chain holds.
    const { db } = preview.app.session.requireWorkspace();
    const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'panel.decide'").pluck().all() as string[];
    expect(audit).toHaveLength(5);
    expect(audit.join(' ')).not.toContain('DV perpetrator');
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    expect(preview.app.pageErrors).toEqual([]);
  });
});
