import type { z } from 'zod';
import { mergeCallGroups } from './defineCall';
import { workspaceCalls } from './workspaceCalls';
import { importCalls } from './importCalls';
import { linkCalls } from './linkCalls';
import { jobCalls } from './jobCalls';
import { analysisCalls } from './analysisCalls';
import { classificationCalls } from './classificationCalls';
import { scenarioCalls } from './scenarioCalls';
import { settingsCalls } from './settingsCalls';
import { candidateCalls } from './candidateCalls';
import { personCalls } from './personCalls';
import { agencySheetCalls } from './agencySheetCalls';
import { shortlistCalls } from './shortlistViewCalls';
import { panelCalls } from './panelCalls';
import { exportCalls } from './exportCalls';
import { auditCalls } from './auditCalls';
import { intakeCalls } from './intakeCalls';
import { maintenanceCalls } from './maintenanceCalls';
import { reportCalls } from './reportCalls';
import { trackingCalls } from './trackingCalls';

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
