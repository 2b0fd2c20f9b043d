import { isCanonicalPnc } from '../../shared/domain/pnc';

/**
 * The short form lists write, `YY/serial C`, with the serial's leading zeros dropped
 * (`2011/0001234B` → `11/1234B`): tests write it to feed the parser. The app never prints it (the
 * short form loses the century), so it lives here rather than in shared/domain/pnc.ts.
 * Throws on a non-canonical argument because that is a mistake in the test, not bad data.
 */
export function formatPncShort(canonical: string): string {
  if (!isCanonicalPnc(canonical)) throw new Error(`not a canonical PNC ID: ${canonical}`);
  return `${canonical.slice(2, 4)}/${String(Number(canonical.slice(5, 12)))}${canonical.slice(12)}`;
}
