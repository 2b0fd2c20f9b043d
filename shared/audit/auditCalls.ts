import { z } from 'zod';
import { workspaceCall } from '../api/defineCall';
import { NoInput } from '../api/callInputs';
import { ExportDeliverySchema } from '../exports/exportDelivery';
import { AuditFilterSchema, AuditPageSchema, AuditFacetsSchema, AuditVerificationResultSchema, AUDIT_PAGE_LIMIT_MAX } from './auditSchemas';

export const auditCalls = {
  'audit.list': workspaceCall({
    summary: 'Audit entries matching a filter, newest first, one page at a time, with the number that match.',
    input: z
      .object({
        filter: AuditFilterSchema,
        offset: z.number().int().min(0).max(100_000_000),
        limit: z.number().int().min(1).max(AUDIT_PAGE_LIMIT_MAX),
      })
      .strict(),
    output: AuditPageSchema,
  }),
  'audit.facets': workspaceCall({
    summary: 'The actions (with counts), actors and record kinds present, for the filter lists.',
    input: NoInput,
    output: AuditFacetsSchema,
  }),
  'audit.verify': workspaceCall({
    summary: 'Walk the whole hash chain: intact, or the first entry that was changed, removed or re-linked and what is wrong.',
    input: NoInput,
    output: AuditVerificationResultSchema,
  }),
  'audit.export': workspaceCall({
    summary: 'Export the audit entries matching a filter (oldest first) as CSV with the marking, the verification and the head hash; audited.',
    input: z.object({ filter: AuditFilterSchema }).strict(),
    output: ExportDeliverySchema,
  }),
};
