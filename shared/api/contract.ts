import type { z } from 'zod';
import { mergeCallGroups } from './defineCall';
import { workspaceCalls } from '../workspace/workspaceCalls';
import { importCalls } from '../import/importCalls';
import { linkCalls } from '../links/linkCalls';
import { jobCalls } from '../jobs/jobCalls';
import { analysisCalls } from '../analysis/analysisCalls';
import { classificationCalls } from '../analysis/classificationCalls';
import { scenarioCalls } from '../analysis/scenarioCalls';
import { settingsCalls } from '../analysis/settingsCalls';
import { candidateCalls } from '../shortlist/candidateCalls';
import { personCalls } from '../shortlist/personCalls';
import { agencySheetCalls } from '../exports/agencySheetCalls';
import { shortlistCalls } from '../shortlist/shortlistCalls';
import { panelCalls } from '../panel/panelCalls';
import { exportCalls } from '../exports/exportCalls';
import { auditCalls } from '../audit/auditCalls';
import { intakeCalls } from '../intake/intakeCalls';
import { maintenanceCalls } from '../maintenance/maintenanceCalls';
import { reportCalls } from '../report/reportCalls';
import { trackingCalls } from '../tracking/trackingCalls';

/**
 * Every call the renderer can make to the main process. Reading this file (and the groups it joins)
 * tells a newcomer everything the UI can ask for; main validates each input with these schemas.
 */
export const contract = mergeCallGroups({
  workspace: workspaceCalls,
  import: importCalls,
  links: linkCalls,
  jobs: jobCalls,
  analysis: analysisCalls,
  shortlist: shortlistCalls,
  classification: classificationCalls,
  scenarios: scenarioCalls,
  settings: settingsCalls,
  candidates: candidateCalls,
  person: personCalls,
  panel: panelCalls,
  intake: intakeCalls,
  maintenance: maintenanceCalls,
  // Other exports (agency sheets) join this group: one `exports.` prefix for the Exports screen.
  exports: { ...exportCalls, ...agencySheetCalls },
  // The cohort report: a preview (HTML) as well as its exports, so it has a group of its own.
  report: reportCalls,
  audit: auditCalls,
  tracking: trackingCalls,
});

export type Contract = typeof contract;
export type CallName = keyof Contract & string;
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type ParsedCallInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

export const CALL_NAMES = Object.keys(contract) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** IPC channel for a call; one place so preload and main cannot disagree. */
export function channelFor(name: CallName): string {
  return `iom:${name}`;
}
