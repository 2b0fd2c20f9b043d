import { AgencySheetConfigSchema, DEFAULT_AGENCY_SHEET_CONFIG, orderedColumns, type AgencySheetAgency, type AgencySheetConfig } from '../../../shared/exports/agencySheets';
import type { OpenWorkspace } from '../../workspace/workspaceFile';
import { WorkspaceError } from '../../workspace/workspaceErrors';
import { appendAudit } from '../../workspace/auditLog';
import { readSetting, writeSetting } from '../../settings/workspaceSettings';
import { removeSetting, isSettingStored } from '../../data/settings';

/** A workspace setting of its own: which agencies get a sheet and the columns each receives. */
const SETTING_KEY = 'agencySheetColumns';

export function readAgencySheetConfig(workspace: OpenWorkspace): { config: AgencySheetConfig; customised: boolean } {
  const stored = isSettingStored(workspace.db, SETTING_KEY);
  const config = readSetting(workspace, SETTING_KEY, AgencySheetConfigSchema, DEFAULT_AGENCY_SHEET_CONFIG);
  return { config, customised: stored && config !== DEFAULT_AGENCY_SHEET_CONFIG };
}

/**
 * Saves the agencies and their columns (columns kept in catalogue order) or, with null, puts the
 * defaults back. The audit records how many agencies and columns, never which person data.
 */
export function saveAgencySheetConfig(workspace: OpenWorkspace, input: AgencySheetConfig | null, actor: string): void {
  const { db } = workspace;
  db.transaction(() => {
    if (input === null) {
      removeSetting(db, SETTING_KEY);
      appendAudit(db, { actor, action: 'agencySheets.config', entity: 'setting', entityId: SETTING_KEY, detail: { reset: true } });
      return;
    }
    const config = AgencySheetConfigSchema.parse(input);
    const tidy: AgencySheetConfig = { agencies: config.agencies.map((a) => ({ ...a, columns: orderedColumns(a.columns) })) };
    writeSetting(workspace, SETTING_KEY, tidy);
    appendAudit(db, {
      actor,
      action: 'agencySheets.config',
      entity: 'setting',
      entityId: SETTING_KEY,
      detail: { agencies: tidy.agencies.length, columns: Object.fromEntries(tidy.agencies.map((a) => [a.id, a.columns.length])) },
    });
  }).immediate();
}

export function requireAgency(workspace: OpenWorkspace, agencyId: string): AgencySheetAgency {
  const agency = readAgencySheetConfig(workspace).config.agencies.find((a) => a.id === agencyId);
  if (!agency) throw new WorkspaceError('not_found', 'That agency is not in the list of agencies that receive a sheet. Add it under "Columns per agency" first.');
  return agency;
}
