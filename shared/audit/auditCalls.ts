import { z } from 'zod';
import { workspaceCall } from '../api/defineCall';
import { NoInput } from '../api/callInputs';
import { ExportDeliverySchema } from '../exports/exportDelivery';

/**
 * The audit trail: every change and export in the workspace, hash-chained so an edited or removed
 * entry shows. Read on the Audit screen, checked with "Verify chain", exported for the information
 * governance officer. Entries hold codes, counts and internal ids only.
 */

const InstantSchema = z.iso.datetime({ offset: true });

const AuditFilterSchema = z
  .object({
    /** An action code or its first part: "export" matches every export, "link.link" just that one. */
    action: z.string().trim().min(1).max(80).regex(/^[A-Za-z0-9_.]+$/).optional(),
    actor: z.string().min(1).max(200).optional(),
    entity: z.string().min(1).max(60).regex(/^[a-z_]+$/).optional(),
    entityId: z.string().trim().min(1).max(60).optional(),
    /** Instants (the screen turns the analyst's local dates into them); `to` is exclusive. */
    from: InstantSchema.optional(),
    to: InstantSchema.optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

const AuditEntryViewSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  /** The stored JSON text, as hashed. */
  detail: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

const AuditPageSchema = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  entries: z.array(AuditEntryViewSchema),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

const AuditFacetsSchema = z.object({
  total: z.number().int(),
  actions: z.array(z.object({ action: z.string(), count: z.number().int() })),
  actors: z.array(z.string()),
  entities: z.array(z.string()),
  oldestAt: z.string().nullable(),
  newestAt: z.string().nullable(),
});
export type AuditFacets = z.infer<typeof AuditFacetsSchema>;

const AuditHeadSchema = z.object({ id: z.number().int(), hash: z.string() });
export type AuditHead = z.infer<typeof AuditHeadSchema>;

const AuditVerificationResultSchema = z.object({
  ok: z.boolean(),
  /** Entries read before the check stopped (all of them when intact). */
  entries: z.number().int(),
  head: AuditHeadSchema.nullable(),
  brokenAtId: z.number().int().nullable(),
  problem: z.string().nullable(),
  /** The first broken entry as it now stands, when it still exists. */
  brokenEntry: AuditEntryViewSchema.nullable(),
  verifiedAt: z.string(),
});
export type AuditVerificationResult = z.infer<typeof AuditVerificationResultSchema>;

const AUDIT_PAGE_LIMIT_MAX = 500;

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
