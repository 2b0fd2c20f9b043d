import type { CallName } from '../../shared/api/contract';
import type { Handler } from './handlerTypes';
import { workspaceHandlers } from '../workspace/workspaceHandlers';
import { importHandlers } from '../import/importHandlers';
import { linkHandlers } from '../links/linkHandlers';
import { jobHandlers } from '../jobs/jobHandlers';
import { analysisHandlers } from '../analysis/analysisHandlers';
import { shortlistHandlers } from '../shortlist/shortlistHandlers';
import { classificationHandlers } from '../analysis/classificationHandlers';
import { scenarioHandlers } from '../settings/scenarioHandlers';
import { settingsHandlers } from '../settings/settingsHandlers';
import { candidateHandlers } from '../shortlist/candidateHandlers';
import { personHandlers } from '../shortlist/personHandlers';
import { agencySheetHandlers } from '../exports/agencySheets/agencySheetHandlers';
import { panelHandlers } from '../panel/panelHandlers';
import { exportHandlers } from '../exports/exportHandlers';
import { auditHandlers } from '../audit/auditHandlers';
import { intakeHandlers } from '../intake/intakeHandlers';
import { maintenanceHandlers } from '../maintenance/maintenanceHandlers';
import { reportHandlers } from '../report/reportHandlers';
import { trackingHandlers } from '../tracking/trackingHandlers';

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
