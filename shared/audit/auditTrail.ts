/**
 * How the audit trail reads to a person: what each action means, what its detail fields are, and
 * what kind of record an entry is about. The audit table stores codes and counts only (never names,
 * PNCs, dates of birth or free text about a person), so everything shown is built from these.
 */

/** Actions the app writes, by code; codes not listed (a newer app's) still show, by their code. */
const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'workspace.create': 'Workspace created',
  'workspace.unlock': 'Workspace unlocked',
  'workspace.lock': 'Workspace locked',
  'workspace.rekey': 'Passphrase changed',
  'workspace.backup': 'Backup written',
  'workspace.restore': 'Workspace restored from a backup',
  import: 'File imported',
  'link.link': 'Link review: same person, linked',
  'link.reject': 'Link review: different people',
  'ruleSet.save': 'Selection rules saved',
  'shortlist.run': 'Shortlist run',
  'classification.override': 'Offence classification changed',
  'settings.update': 'Setting changed',
  'scenario.save': 'Scenario saved',
  'scenario.delete': 'Scenario deleted',
  'filterPreset.save': 'Filter preset saved',
  'filterPreset.replace': 'Filter preset replaced',
  'filterPreset.delete': 'Filter preset deleted',
  'person.note.add': 'Note added to a person',
  'person.purge': 'Person purged',
  'panel.decision': 'Panel decision recorded',
  'panel.create': 'Panel session opened',
  'panel.decide': 'Panel decision recorded',
  'panel.close': 'Panel session closed',
  'panel.reopen': 'Panel session reopened',
  'agencySheets.config': 'Agency sheet columns changed',
  'agencySheet.return': 'Agency sheet returned and imported',
  'intake.saveParams': 'Intake plan settings saved',
  'intake.export': 'Intake plan exported',
  'retention.policy': 'Retention policy changed',
  'retention.apply': 'Retention applied (people removed)',
  'export.rejectedRows': 'Rejected rows exported',
  'export.shortlist': 'Shortlist exported',
  'export.agencySheets': 'Agency review sheets exported',
  'export.agencySheet': 'Agency review sheet exported',
  'export.notWritten': 'Export not written',
  'export.report': 'Cohort report exported',
  'export.audit': 'Audit trail exported',
  'audit.gapDetected': 'Missing audit entries found',
};

/** The first part of an action code, for the filter: "export" covers every export. */
const AUDIT_GROUP_LABELS: Readonly<Record<string, string>> = {
  workspace: 'Workspace (create, unlock, lock, passphrase)',
  import: 'Imports',
  link: 'Link reviews',
  ruleSet: 'Selection rules',
  shortlist: 'Shortlists',
  classification: 'Offence classification',
  settings: 'Settings',
  scenario: 'Projection scenarios',
  filterPreset: 'Filter presets',
  person: 'People (notes, purges)',
  panel: 'Selection panel',
  agencySheets: 'Agency sheets (columns)',
  agencySheet: 'Agency sheets (returns)',
  intake: 'Intake plan',
  retention: 'Retention',
  export: 'Exports',
  audit: 'Audit trail',
};

const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  person: 'Person',
  import: 'Import',
  link_review: 'Link review',
  rule_set: 'Rule set',
  shortlist: 'Shortlist',
  scenario: 'Scenario',
  setting: 'Setting',
  filter_preset: 'Filter preset',
  classification_override: 'Classification override',
  panel_session: 'Panel session',
  panel_decision: 'Panel decision',
  agency_sheet: 'Agency sheet',
  retention: 'Retention',
};

const DETAIL_LABELS: Readonly<Record<string, string>> = {
  kind: 'List',
  sha256: 'File SHA-256',
  rows: 'Rows read',
  imported: 'Rows imported',
  rejected: 'Rows rejected',
  unmatched: 'Rows unmatched',
  reviews: 'Matches queued for review',
  mapping: 'Column mapping',
  personId: 'Person',
  importId: 'Import',
  noteId: 'Note',
  version: 'Version',
  ruleSetId: 'Rule set',
  included: 'Included',
  capacity: 'Capacity',
  crimeType: 'Crime type',
  descriptionSha256: 'Offence description (SHA-256, first 16)',
  reset: 'Back to default',
  created: 'New',
  seeded: 'Added by the app',
  via: 'Through',
  demo: 'Synthetic demo',
  schemaVersion: 'Schema version',
  reason: 'Reason',
  entries: 'Entries',
  filtered: 'Filtered',
  format: 'Format',
  headId: 'Newest entry',
  verified: 'Chain intact',
  recordedHeadId: 'Newest entry recorded',
  recordedHeadHash: 'Its hash',
  lastEntryId: 'Newest entry found',
  decision: 'Decision',
  sessionId: 'Panel session',
  people: 'People',
  members: 'Members present',
  agencies: 'Agencies',
  proposed: 'Proposed',
  reserves: 'Reserves',
  revises: 'Revises decision',
  accepted: 'Accepted',
  decided: 'Decided',
  agenda: 'On the agenda',
  shortlistId: 'Shortlist',
  source: 'Source',
  columns: 'Columns',
  agency: 'Agency',
  returnId: 'Return',
  personIds: 'People',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export function auditGroupOf(action: string): string {
  const dot = action.indexOf('.');
  return dot < 0 ? action : action.slice(0, dot);
}

export function auditGroupLabel(group: string): string {
  return AUDIT_GROUP_LABELS[group] ?? group;
}

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? entity.replace(/_/g, ' ');
}

/** "firstName" → "First name": a readable fallback for detail keys this version does not know. */
function humaniseKey(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function detailValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-GB') : String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(detailValue).join(', ');
  return JSON.stringify(value);
}

interface AuditDetailItem {
  key: string;
  label: string;
  value: string;
}

/** An entry's stored detail (a JSON object of counts and ids) as label/value pairs. */
export function describeAuditDetail(detail: string): AuditDetailItem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return [{ key: '', label: 'Detail', value: detail }];
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [{ key: '', label: 'Detail', value: detailValue(parsed) }];
  return Object.entries(parsed as Record<string, unknown>).map(([key, value]) => ({ key, label: DETAIL_LABELS[key] ?? humaniseKey(key), value: detailValue(value) }));
}

/**
 * How each entry's hash is made, written into exports so the chain can be checked with any SHA-256
 * tool: the hex SHA-256 of the JSON text of this array, the first entry linking to 64 zeros.
 */
export const AUDIT_HASH_RULE =
  'hash = SHA-256 (hex) of the JSON array [id, at, actor, action, entity, entityId, detail, prevHash] with entityId as text (or null) and detail as its stored JSON text; the first entry has prevHash = 64 zeros; each prevHash is the hash of the entry before it.';
