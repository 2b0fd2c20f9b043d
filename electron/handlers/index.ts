import type { CallName } from '../../shared/api/contract';
import type { Handler } from './handlerTypes';
import { workspaceHandlers } from './workspaceHandlers';
import { importHandlers } from './importHandlers';
import { linkHandlers } from './linkHandlers';
import { jobHandlers } from './jobHandlers';
import { analysisHandlers } from './analysisHandlers';
import { shortlistHandlers } from './shortlistHandlers';
import { classificationHandlers } from './classificationHandlers';
import { scenarioHandlers } from './scenarioHandlers';
import { settingsHandlers } from './settingsHandlers';
import { candidateHandlers } from './candidateHandlers';
import { personHandlers } from './personHandlers';
import { agencySheetHandlers } from './agencySheetHandlers';
import { panelHandlers } from './panelHandlers';
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
  ...scenarioHandlers,
  ...settingsHandlers,
  ...shortlistHandlers,
  ...classificationHandlers,
  ...candidateHandlers,
  ...personHandlers,
  ...panelHandlers,
  ...exportHandlers,
  ...agencySheetHandlers,
  ...auditHandlers,
  ...intakeHandlers,
  ...maintenanceHandlers,
  ...reportHandlers,
  ...trackingHandlers,
} satisfies { [N in CallName]: Handler<N> };
