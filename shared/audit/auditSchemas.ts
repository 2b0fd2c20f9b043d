import { z } from 'zod';

/**
 * The audit trail: every change and export in the workspace, hash-chained so an edited or removed
 * entry shows. Read on the Audit screen, checked with "Verify chain", exported for the information
 * governance officer. Entries hold codes, counts and internal ids only.
 */

const InstantSchema = z.iso.datetime({ offset: true });

export const AuditFilterSchema = z
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

export const AuditPageSchema = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  entries: z.array(AuditEntryViewSchema),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const AuditFacetsSchema = z.object({
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

export const AuditVerificationResultSchema = z.object({
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

export const AUDIT_PAGE_LIMIT_MAX = 500;
