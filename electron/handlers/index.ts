import type { CallName } from '../../shared/api/contract';
import type { Handler } from './handlerTypes';
import { workspaceHandlers } from './workspaceHandlers';
import { importHandlers, jobHandlers, linkHandlers } from './importHandlers';
import { analysisHandlers, attributionHandlers, calibrationHandlers, classificationHandlers, shortlistHandlers, trendHandlers } from './analysisHandlers';
import { scenarioHandlers } from './scenarioHandlers';
import { settingsHandlers } from './settingsHandlers';
import { candidateHandlers, personHandlers } from './candidateHandlers';
import { agencySheetHandlers } from './agencySheetHandlers';
import { panelHandlers, shortlistViewHandlers } from './panelHandlers';
import { exportHandlers } from './exportHandlers';
import { auditHandlers } from './auditHandlers';
import { intakeHandlers } from './intakeHandlers';
import { maintenanceHandlers } from './maintenanceHandlers';
import { reportHandlers } from './reportHandlers';
import { trackingHandlers } from './trackingHandlers';

/** Every call's handler; the `satisfies` makes a missing or unknown name a compile error too. */
export const handlers = {
  ...workspaceHandlers,
  ...importHandlers,
  ...linkHandlers,
  ...jobHandlers,
  ...analysisHandlers,
  ...calibrationHandlers,
  ...attributionHandlers,
  ...trendHandlers,
  ...scenarioHandlers,
  ...settingsHandlers,
  ...shortlistHandlers,
  ...classificationHandlers,
  ...candidateHandlers,
  ...personHandlers,
  ...shortlistViewHandlers,
  ...panelHandlers,
  ...exportHandlers,
  ...agencySheetHandlers,
  ...auditHandlers,
  ...intakeHandlers,
  ...maintenanceHandlers,
  ...reportHandlers,
  ...trackingHandlers,
} satisfies { [N in CallName]: Handler<N> };
