import { useEffect, useRef } from 'react';
import type { AuditVerificationResult } from '../../../shared/audit/auditSchemas';
import { auditActionLabel, auditEntityLabel, describeAuditDetail } from '../../../shared/audit/auditTrail';
import { formatAuditTime, groupedHash } from './auditFormat';
import { formatCount } from '../../../shared/domain/numberFormat';

function intactBefore(brokenAtId: number): string {
  const before = brokenAtId - 1;
  if (before <= 0) return 'It is the first entry of the trail.';
  return before === 1 ? 'Entry 1 is intact.' : `Entries 1 to ${formatCount(before)} are intact.`;
}

/**
 * The answer of "Verify chain": intact, with the head to note down, or the first broken entry, what is
 * wrong with it and how it now reads. Focus moves to the answer so keyboard and screen-reader users
 * hear it at once.
 */
export function AuditVerifyResult({ result }: { result: AuditVerificationResult }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result]);
  if (result.ok) {
    return (
      <div className="notice notice-ok audit-verify-result" data-testid="audit-verify-result">
        <h3 ref={heading} tabIndex={-1}>
          Chain intact
        </h3>
        <p>
          All {formatCount(result.entries)} {result.entries === 1 ? 'entry links' : 'entries link'} to the one before and match their hashes; nothing has been changed or
          removed. Checked {formatAuditTime(result.verifiedAt)}.
        </p>
        {result.head ? (
          <p className="audit-head">
            Newest entry <strong>{formatCount(result.head.id)}</strong>, hash <code>{groupedHash(result.head.hash)}</code>
          </p>
        ) : null}
      </div>
    );
  }
  const broken = result.brokenEntry;
  return (
    <div className="notice notice-error audit-verify-result" role="alert" data-testid="audit-verify-result">
      <h3 ref={heading} tabIndex={-1}>
        {result.brokenAtId === null ? 'Audit trail cannot be trusted' : `Chain broken at entry ${formatCount(result.brokenAtId)}`}
      </h3>
      <p>
        <strong>{result.problem ? `${result.problem.charAt(0).toUpperCase()}${result.problem.slice(1)}.` : 'The chain does not verify.'}</strong>{' '}
        {result.brokenAtId !== null ? intactBefore(result.brokenAtId) : null} Tell your information governance officer; keep the workspace file as it is.
      </p>
      {broken ? (
        <dl className="audit-broken-entry">
          <div>
            <dt>Entry {formatCount(broken.id)} now reads</dt>
            <dd>
              {formatAuditTime(broken.at)} · {broken.actor} · {auditActionLabel(broken.action)}
              {broken.entity ? ` · ${auditEntityLabel(broken.entity)}${broken.entityId ? ` ${broken.entityId}` : ''}` : ''}
            </dd>
          </div>
          {describeAuditDetail(broken.detail).map((item) => (
            <div key={item.key || item.label}>
              <dt>{item.label}</dt>
              <dd>{item.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
