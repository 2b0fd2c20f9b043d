import type { PanelCohort, PanelPerson, PanelSessionView } from '../../shared/panel/panelSchemas';
import { CRIME_TYPE_IDS } from '../../shared/domain/crimeTypes';
import { CRIME_TYPE_COUNT, flagsOfMask, windowCounts, type AnalysisWindow } from '../../shared/domain/analysisModel';
import { PANEL_REASONS, type PanelReason } from '../../shared/panel/panelDecisions';
import { loadAnalysisModel } from '../analysis/analysisModelLoader';
import { defaultWindow } from '../shortlist/candidateQuery';
import { ageOnDate, flagsFromList, storedRuleSet } from '../shortlist/shortlistView';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { panelAgenda, panelCohortPeople } from '../data/panel';
import { shortlistRuleSet } from '../data/shortlists';
import { caseloadSinceShortlist } from '../tracking/caseloadService';
import { agencyCommentsFor } from './agencyComments';
import { finalCohort } from './finalCohort';
import { currentDecisions, getPanelSession } from './panelSessions';

/**
 * A session as the panel sees it: each person's summary (no address, no full arrest list), the
 * lists they are on, their arrests in the shortlist's window by crime type, why the rules proposed
 * them, what the agencies said in their pre-review, and the current decision.
 */
export function panelSessionView(workspace: OpenWorkspace, sessionId: number): PanelSessionView {
  const session = getPanelSession(workspace, sessionId);
  const { db } = workspace;
  const rules = shortlistRuleSet(db, session.shortlistId)!;
  const ruleSet = storedRuleSet(rules.definition);
  // The shortlist's own window, so the arrests shown are the ones the rules counted.
  const window: AnalysisWindow = ruleSet ? { referenceDate: ruleSet.referenceDate, windowMonths: ruleSet.windowMonths } : defaultWindow(workspace);
  const agenda = panelAgenda(db, sessionId, session.shortlistId);
  const model = loadAnalysisModel(workspace);
  const counts = windowCounts(model.index, window);
  const comments = agencyCommentsFor(workspace, agenda.map((a) => a.personId));
  const decisions = currentDecisions(db, sessionId);
  const people: PanelPerson[] = agenda.map((a) => {
    const row = model.index.rowOf(a.personId);
    const arrestsByType: PanelPerson['arrestsByType'] = [];
    if (row >= 0) {
      CRIME_TYPE_IDS.forEach((crimeType, code) => {
        const count = counts.byType[row * CRIME_TYPE_COUNT + code]!;
        if (count > 0) arrestsByType.push({ crimeType, count });
      });
      arrestsByType.sort((x, y) => y.count - x.count);
    }
    const decision = decisions.get(a.personId);
    return {
      personId: a.personId,
      place: a.place,
      role: a.role,
      surname: a.surname,
      forenames: a.forenames,
      pnc: a.pnc,
      age: ageOnDate(a.dob, window.referenceDate),
      gender: a.gender,
      borough: a.borough,
      custody: a.custody,
      // The index holds the flags the analysis used; the table is the fallback for anyone outside it.
      flags: row >= 0 ? flagsOfMask(model.index.flagMasks[row]!) : flagsFromList(a.flags),
      arrestsInWindow: row >= 0 ? counts.total[row]! : 0,
      arrestsByType,
      selectionReason: a.reason ?? 'not on this shortlist',
      agencyComments: comments.byPerson.get(a.personId) ?? [],
      current: decision?.record ?? null,
      decisionCount: decision?.count ?? 0,
    };
  });
  return { session, ruleSetName: rules.name, ruleSetVersion: rules.version, window, agencyCommentsAvailable: comments.available, people };
}

function reasonCounts(): Record<PanelReason, number> {
  return Object.fromEntries(PANEL_REASONS.map((r) => [r, 0])) as Record<PanelReason, number>;
}

/** The final cohort (finalCohort's accepted set) with what the summary screen shows beside it. */
export function panelCohort(workspace: OpenWorkspace, sessionId: number): PanelCohort {
  getPanelSession(workspace, sessionId);
  const cohort = finalCohort(workspace, sessionId)!;
  const { db } = workspace;
  const details = new Map(panelCohortPeople(db, sessionId, cohort.accepted.map((m) => m.personId)).map((d) => [d.personId, d]));
  const reasons = { reject: reasonCounts(), defer: reasonCounts() };
  for (const [, { record }] of currentDecisions(db, sessionId)) {
    if (record.decision !== 'accept' && record.reason !== null) reasons[record.decision][record.reason] += 1;
  }
  const accepted = cohort.accepted
    .map((m) => {
      const d = details.get(m.personId);
      return {
        personId: m.personId,
        surname: d?.surname ?? null,
        forenames: d?.forenames ?? null,
        pnc: d?.pnc ?? null,
        place: d?.place ?? null,
        role: d?.role ?? null,
        statutory: m.statutory,
        decidedBy: m.decidedBy,
        decidedAt: m.decidedAt,
      };
    })
    .sort((x, y) => (x.place ?? Number.MAX_SAFE_INTEGER) - (y.place ?? Number.MAX_SAFE_INTEGER) || x.personId - y.personId);
  return {
    sessionId: cohort.sessionId,
    shortlistId: cohort.shortlistId,
    status: cohort.status,
    heldOn: cohort.heldOn,
    capacity: cohort.capacity,
    accepted,
    counts: { accepted: accepted.length, rejected: cohort.rejected, deferred: cohort.deferred, undecided: cohort.undecided },
    placesLeft: cohort.capacity - accepted.length,
    caseload: caseloadSinceShortlist(workspace, cohort.shortlistId),
    statutory: {
      statutory: cohort.accepted.filter((m) => m.statutory === true).length,
      nonStatutory: cohort.accepted.filter((m) => m.statutory === false).length,
      unknown: cohort.accepted.filter((m) => m.statutory === null).length,
    },
    reasons,
  };
}
