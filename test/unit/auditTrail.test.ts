import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditEntityLabel, auditGroupOf, describeAuditDetail } from '../../shared/audit/auditTrail';

describe('audit trail wording', () => {
  it('labels known actions and shows unknown ones by their code', () => {
    expect(auditActionLabel('import')).toBe('File imported');
    expect(auditActionLabel('export.audit')).toBe('Audit trail exported');
    expect(auditActionLabel('future.thing')).toBe('future.thing');
    expect(auditGroupOf('person.note.add')).toBe('person');
    expect(auditGroupOf('import')).toBe('import');
    expect(auditEntityLabel('link_review')).toBe('Link review');
    expect(auditEntityLabel('some_new_kind')).toBe('some new kind');
  });

  it('turns stored detail into label and value pairs', () => {
    expect(describeAuditDetail('{"rows":1234,"sha256":"ab","reset":false,"removed":{"arrests":3},"personIds":[4,5],"newKeyHere":null}')).toEqual([
      { key: 'rows', label: 'Rows read', value: '1,234' },
      { key: 'sha256', label: 'File SHA-256', value: 'ab' },
      { key: 'reset', label: 'Back to default', value: 'no' },
      { key: 'removed', label: 'Removed', value: '{"arrests":3}' },
      { key: 'personIds', label: 'People', value: '4, 5' },
      { key: 'newKeyHere', label: 'New key here', value: '—' },
    ]);
    expect(describeAuditDetail('{}')).toEqual([]);
    // A detail that is not JSON (only a tampered entry could hold one) still shows, as it is.
    expect(describeAuditDetail('not json')).toEqual([{ key: '', label: 'Detail', value: 'not json' }]);
  });
});
