import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { serviceContext, openDemoWorkspace } from './support/workspaceSteps';
import { dispatchCall } from '../../electron/callDispatcher';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';
import type { CallOutput } from '../../shared/api/contract';
import type { PanelDecision, PanelReason } from '../../shared/panel/panelDecisions';

/**
 * A keyboard-only panel: every decision below is made without the mouse, and every one must be
 * recorded exactly as it was on screen, whatever had the focus when a key was pressed.
 */
interface Step {
  /** What the analyst does, in words, for the failure message. */
  does: string;
  keys(page: Page): Promise<void>;
  expected: { decision: PanelDecision; reason: PanelReason | null; note: string };
}

const press = (...keys: string[]) => async (page: Page) => {
  for (const key of keys) await page.keyboard.press(key);
};
const reasonList = (page: Page) => page.getByLabel('Reason', { exact: true });

const STEPS: Step[] = [
  { does: 'A, Enter', keys: press('a', 'Enter'), expected: { decision: 'accept', reason: null, note: '' } },
  { does: 'R, 2, Enter', keys: press('r', '2', 'Enter'), expected: { decision: 'reject', reason: 'in_custody', note: '' } },
  {
    does: 'D, 6, N, type a note with a, r and d in it, Enter',
    keys: async (page) => {
      await press('d', '6', 'n')(page);
      await page.keyboard.type('Probation to confirm address and risk');
      await page.keyboard.press('Enter');
    },
    expected: { decision: 'defer', reason: 'other', note: 'Probation to confirm address and risk' },
  },
  {
    does: 'R, then in the reason list A (must accept, not pick "Already managed elsewhere"), Enter',
    keys: async (page) => {
      await page.keyboard.press('r');
      await reasonList(page).focus();
      await press('a', 'Enter')(page);
    },
    expected: { decision: 'accept', reason: null, note: '' },
  },
  {
    does: 'in the reason list: D, 4, Enter',
    keys: async (page) => {
      await page.keyboard.press('r');
      await reasonList(page).focus();
      await press('d', '4', 'Enter')(page);
    },
    expected: { decision: 'defer', reason: 'tactical_concern', note: '' },
  },
  {
    does: 'A, N, a note, Ctrl+Enter',
    keys: async (page) => {
      await press('a', 'n')(page);
      await page.keyboard.type('Good engagement already');
      await page.keyboard.press('Control+Enter');
    },
    expected: { decision: 'accept', reason: null, note: 'Good engagement already' },
  },
  { does: 'D, 1, Enter', keys: press('d', '1', 'Enter'), expected: { decision: 'defer', reason: 'no_longer_in_borough', note: '' } },
  {
    does: 'R, 3, N, a note, Alt+D from the note, Enter',
    keys: async (page) => {
      await press('r', '3', 'n')(page);
      await page.keyboard.type('Drug use reported');
      await press('Alt+d', 'Enter')(page);
    },
    expected: { decision: 'defer', reason: 'unsuitable', note: 'Drug use reported' },
  },
  {
    does: 'R, Enter (refused: no reason), 5, Enter',
    keys: async (page) => {
      await press('r', 'Enter')(page);
      await expectVisible(page.getByRole('alert').filter({ hasText: 'Choose a reason to reject.' }));
      await press('5', 'Enter')(page);
    },
    expected: { decision: 'reject', reason: 'managed_elsewhere', note: '' },
  },
  { does: 'D, R, A (the last one wins), Enter', keys: press('d', 'r', 'a', 'Enter'), expected: { decision: 'accept', reason: null, note: '' } },
  { does: 'R, 1, Enter', keys: press('r', '1', 'Enter'), expected: { decision: 'reject', reason: 'no_longer_in_borough', note: '' } },
  {
    does: 'D, 6, Enter (refused: "other" needs a note), N, a note, Enter',
    keys: async (page) => {
      await press('d', '6', 'Enter')(page);
      await expectVisible(page.getByRole('alert').filter({ hasText: 'Say in the note why' }));
      await page.keyboard.press('n');
      await page.keyboard.type('Awaiting a MARAC review');
      await page.keyboard.press('Enter');
    },
    expected: { decision: 'defer', reason: 'other', note: 'Awaiting a MARAC review' },
  },
  {
    does: 'R, reason list, ArrowDown twice, Enter',
    keys: async (page) => {
      await page.keyboard.press('r');
      await reasonList(page).focus();
      await press('ArrowDown', 'ArrowDown', 'Enter')(page);
    },
    expected: { decision: 'reject', reason: 'in_custody', note: '' },
  },
  { does: 'A, Enter', keys: press('a', 'Enter'), expected: { decision: 'accept', reason: null, note: '' } },
  {
    does: 'N, a note first, Alt+R from the note, 4 in the reason list, Enter',
    keys: async (page) => {
      await page.keyboard.press('n');
      await page.keyboard.type('Ran the DV check');
      await page.keyboard.press('Alt+r');
      await reasonList(page).focus();
      await press('4', 'Enter')(page);
    },
    expected: { decision: 'reject', reason: 'tactical_concern', note: 'Ran the DV check' },
  },
  { does: 'D, 2, Ctrl+Enter', keys: press('d', '2', 'Control+Enter'), expected: { decision: 'defer', reason: 'in_custody', note: '' } },
  {
    does: 'A, N, two-line note (Shift+Enter), Enter',
    keys: async (page) => {
      await press('a', 'n')(page);
      await page.keyboard.type('Housing sorted');
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.type('Starts Monday');
      await page.keyboard.press('Enter');
    },
    expected: { decision: 'accept', reason: null, note: 'Housing sorted\nStarts Monday' },
  },
  { does: 'R, 5, D (keeps the reason), Enter', keys: press('r', '5', 'd', 'Enter'), expected: { decision: 'defer', reason: 'managed_elsewhere', note: '' } },
  { does: 'R, 3, Enter', keys: press('r', '3', 'Enter'), expected: { decision: 'reject', reason: 'unsuitable', note: '' } },
  { does: 'A, Enter', keys: press('a', 'Enter'), expected: { decision: 'accept', reason: null, note: '' } },
];

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
];

describe('the panel by keyboard alone', () => {
  const preview = usePreviewApp();
  let shortlistId = 0;

  beforeAll(async () => {
    await openDemoWorkspace(preview.app, 'E2E panel keyboard');
    const shortlist = await dispatchCall(serviceContext(preview.app), 'shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
    if (!shortlist.ok) throw new Error('the shortlist did not run');
    shortlistId = (shortlist.value as CallOutput<'shortlist.run'>).shortlistId;
  });

  for (const viewport of VIEWPORTS) {
    it(`records 20 decisions at ${viewport.width}×${viewport.height}, each as it was on screen`, async () => {
      const { page } = preview.app;
      await page.setViewportSize(viewport);
      const created = await dispatchCall(serviceContext(preview.app), 'panel.create', {
        shortlistId,
        heldOn: '2013-12-16',
        title: `Keyboard panel ${viewport.width}`,
        members: [{ name: 'DS Example', agency: 'police' }],
        reserves: 0,
      });
      if (!created.ok) throw new Error('the session did not start');
      const sessionId = (created.value as CallOutput<'panel.create'>).id;
      await preview.app.nav('Home').click();
      await preview.app.nav('Panel').click();
      await page.getByRole('link', { name: `Keyboard panel ${viewport.width}` }).click();
      await expectText(page.getByTestId('pnl-place'), 'Person 1 of 61');

      // A shortcut brings Record into view, and Defer keeps to one line.
      await page.keyboard.press('r');
      await preview.app.screenshot(`panel-keyboard-${viewport.width}-0-ready`);
      const recordInView = async (when: string) => {
        // The shortcut scrolls after its render: on a busy machine that lands a few frames later.
        const record = page.getByRole('button', { name: /^Record the/ });
        for (let tries = 0; tries < 50; tries++) {
          const laidOut = await record.boundingBox();
          if (laidOut && laidOut.y >= 0 && laidOut.y + laidOut.height <= viewport.height) break;
          await page.waitForTimeout(100);
        }
        const box = await record.boundingBox();
        expect(box, `Record is laid out (${when})`).not.toBeNull();
        expect(box!.y, `Record's top edge at ${viewport.width}×${viewport.height} (${when})`).toBeGreaterThanOrEqual(0);
        expect(box!.y + box!.height, `Record's bottom edge at ${viewport.width}×${viewport.height} (${when})`).toBeLessThanOrEqual(viewport.height);
      };
      await recordInView('after R');
      const defer = await page.locator('.pnl-choice-defer').boundingBox();
      const accept = await page.locator('.pnl-choice-accept').boundingBox();
      expect(Math.abs(defer!.y - accept!.y), 'Accept, Reject and Defer on one row').toBeLessThan(2);
      await page.keyboard.press('a');

      for (const [i, step] of STEPS.entries()) {
        await step.keys(page);
        await expectText(page.getByTestId('pnl-place'), `Person ${i + 2} of 61`).catch((error: unknown) => {
          throw new Error(`step ${i + 1} (${step.does}): ${error instanceof Error ? error.message : String(error)}`);
        });
        // The walk moved on and the name took the focus: Record is still on screen.
        await recordInView(`after step ${i + 1}`);
        if (i === 7) await preview.app.screenshot(`panel-keyboard-${viewport.width}-1-midway`);
      }
      await expectText(page.getByTestId('pnl-decided'), '20 / 61');

      const { db } = preview.app.session.requireWorkspace();
      const recorded = db
        .prepare(
          `SELECT p.place, d.decision, d.reason, d.note FROM panel_decisions d
           JOIN panel_session_people p ON p.session_id = d.session_id AND p.person_id = d.person_id
           WHERE d.session_id = ? ORDER BY p.place, d.id`,
        )
        .all(sessionId) as Array<{ place: number; decision: string; reason: string | null; note: string }>;
      expect(recorded.map((r) => r.place)).toEqual(STEPS.map((_, i) => i + 1));
      for (const [i, step] of STEPS.entries()) {
        expect({ decision: recorded[i]!.decision, reason: recorded[i]!.reason, note: recorded[i]!.note }, `step ${i + 1}: ${step.does}`).toEqual(step.expected);
      }

      // What the list shows agrees with what was recorded.
      await page.getByRole('button', { name: 'As a list' }).click();
      await expectContainsText(page.getByTestId('pnl-list'), 'Tactical concern');
      await preview.app.screenshot(`panel-keyboard-${viewport.width}-2-list`);
      await expectNoSeriousAxeViolations(page, `Panel list at ${viewport.width}`);
      await page.getByRole('button', { name: 'One at a time' }).click();
      await expectNoSeriousAxeViolations(page, `Panel walk at ${viewport.width}`);

      // Home says what is next: the open session, its undecided count and a link to it; nothing at zero.
      await preview.app.nav('Home').click();
      const next = page.getByTestId('attention-panel');
      await expectContainsText(next, `people are still to decide in the open panel session “Keyboard panel ${viewport.width}” (20 of 61 decided)`);
      await expectText(next.locator('.attention-count'), '41');
      expect(await page.getByTestId('needs-attention').locator('.attention-count').allTextContents()).not.toContain('0');
      await next.scrollIntoViewIfNeeded();
      await preview.app.screenshot(`home-keyboard-${viewport.width}-next`);
      await next.getByRole('link', { name: 'Open the session' }).click();
      await expectText(page.getByTestId('pnl-title'), `Keyboard panel ${viewport.width}`);
      expect(preview.app.pageErrors).toEqual([]);
    });
  }
});
