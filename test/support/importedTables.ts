import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { verifyAuditChain } from '../../electron/workspace/auditLog';
import type { OpenWorkspace } from '../../electron/workspace/workspaceFile';

const IMPORTED_TABLES = ['imports', 'people', 'person_field_sources', 'arrest_terms', 'arrests', 'person_flags', 'rejected_rows', 'link_reviews', 'header_mappings'];

/**
 * A digest of everything an import writes, for proving that two import paths (a fast one and the
 * general one) leave a workspace identical; the audit chain must hold as well.
 */
export function importedTablesDigest(workspace: OpenWorkspace): string {
  const hash = createHash('sha256');
  for (const table of IMPORTED_TABLES) {
    hash.update(`${table}\n${JSON.stringify(workspace.db.prepare(`SELECT * FROM ${table} ORDER BY ${table === 'arrests' ? 'person_id, arrest_ymd, offence_id' : 'rowid'}`).all())}\n`);
  }
  hash.update(JSON.stringify(workspace.db.prepare('SELECT * FROM person_field_provenance ORDER BY person_id, field, import_id').all()));
  expect(verifyAuditChain(workspace.db).ok).toBe(true);
  return hash.digest('hex');
}
