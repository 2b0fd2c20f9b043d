import { createClassifier } from '../../shared/analysis/classification';
import { windowStartExclusive, type AnalysisWindow } from '../../shared/domain/analysisModel';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import type { ArrestCountsForProjection, BoroughCountingResult } from '../../shared/analysis/projection';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import type { AnalysisModel } from './analysisModelLoader';
import { arrestsWithBoroughBetween } from '../data/arrests';

const ymd = (iso: string) => Number(iso.replaceAll('-', ''));

/**
 * Arrests in the window counted only where the arrest's borough field names the borough (the seed
 * counted allegations in Barnet), read from the stored arrests since the analysis index does not
 * hold boroughs. Arrests elsewhere, and those with no borough recorded, are counted and returned so
 * the screen can show what was left out.
 */
export function countArrestsInBorough(
  workspace: OpenWorkspace,
  model: AnalysisModel,
  personIds: readonly number[],
  window: AnalysisWindow,
  boroughSetting: string | null,
): { counts: ArrestCountsForProjection; borough: BoroughCountingResult } {
  const borough = (boroughSetting ?? model.homeBorough)?.trim() ?? null;
  if (!borough) throw new WorkspaceError('invalid_input', 'No borough to count in: name one in the scenario or set the home borough in Settings.');
  const target = borough.toLowerCase();
  const wanted = new Set(personIds);
  const classifier = createClassifier(model.rules, model.overrides);
  const rows = arrestsWithBoroughBetween(workspace.db, ymd(windowStartExclusive(window)), ymd(window.referenceDate));
  const inside: ArrestCountsForProjection = { all: 0, byType: {} };
  const outByType: Partial<Record<CrimeTypeId, number>> = {};
  const arrested = new Set<number>();
  let outside = 0;
  let notRecorded = 0;
  const elsewhere = new Map<string, number>();
  for (const [personId, offence, arrestBorough] of rows) {
    if (!wanted.has(personId)) continue;
    const crimeType = classifier.classify(offence);
    const place = arrestBorough?.trim() ?? '';
    if (place.toLowerCase() === target) {
      inside.all++;
      inside.byType[crimeType] = (inside.byType[crimeType] ?? 0) + 1;
      arrested.add(personId);
    } else if (place === '') {
      notRecorded++;
    } else {
      outside++;
      outByType[crimeType] = (outByType[crimeType] ?? 0) + 1;
      elsewhere.set(place, (elsewhere.get(place) ?? 0) + 1);
    }
  }
  const total = inside.all + outside + notRecorded;
  return {
    counts: { ...inside, arrestedPeople: arrested.size, people: personIds.length },
    borough: {
      borough,
      inBorough: inside.all,
      outOfBorough: outside,
      notRecorded,
      outOfBoroughByType: outByType,
      elsewhere: [...elsewhere].sort((a, b) => b[1] - a[1]).map(([name, arrests]) => ({ borough: name, arrests })),
      working: `${inside.all} of ${total} arrests in the window were in ${borough}; ${outside} elsewhere and ${notRecorded} with no borough recorded are not counted`,
    },
  };
}
