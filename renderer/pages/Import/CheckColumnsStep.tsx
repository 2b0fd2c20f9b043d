import { useId, useMemo, type Ref } from 'react';
import type { ImportPreview } from '../../../shared/import/importSchemas';
import { headerFamilyOf, importKindLabel, type ImportKindId } from '../../../shared/domain/importKinds';
import { missingRequiredFields, type CanonicalField } from '../../../shared/import/headerRecognition';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { KindSelect } from './KindSelect';
import { FIELD_LABELS, FIELD_OPTION_GROUPS } from './fieldLabels';
import { columnLetter, formatBytes, formatDateTime, formatLabel } from './format';
import { formatCount } from '../../../shared/domain/numberFormat';
import { COLUMN_CONTENT_LABELS } from '../../../shared/import/columnContent';
import { kindReadsField, unmappedColumnMessages, unmappedColumnsOf } from '../../../shared/import/unmappedColumns';
import { fieldLabel } from '../../../shared/import/fieldLabels';

interface CheckColumnsStepProps {
  preview: ImportPreview;
  kind: ImportKindId | null;
  mapping: ReadonlyArray<CanonicalField | null>;
  edited: ReadonlySet<number>;
  remember: boolean;
  /** A new preview is being read (sheet or kind changed). */
  refreshing: boolean;
  refreshError: string | null;
  starting: boolean;
  startError: string | null;
  headingRef: Ref<HTMLHeadingElement>;
  onSheetChange(sheet: string): void;
  onKindChange(kind: ImportKindId | null): void;
  onFieldChange(index: number, field: CanonicalField | null): void;
  onRememberChange(remember: boolean): void;
  onBack(): void;
  onImport(): void;
}

type HintTone = 'ok' | 'warn' | 'muted' | 'edited';

function mappingHint(preview: ImportPreview, kind: ImportKindId | null, index: number, field: CanonicalField | null, edited: boolean, unread: boolean): { text: string; tone: HintTone } {
  const holds = preview.columns[index]?.holds ?? null;
  const holdsText = holds ? `holds ${COLUMN_CONTENT_LABELS[holds]}` : null;
  if (edited) return { text: field === null ? `ignored (your choice)${holdsText ? `, though it ${holdsText}` : ''}` : 'your choice', tone: field === null && holdsText ? 'warn' : 'edited' };
  if (field === null) return holdsText ? { text: `not used, but it ${holdsText}: please check`, tone: 'warn' } : { text: 'not used', tone: 'muted' };
  if (kind && !kindReadsField(kind, field)) return { text: `not read for a ${importKindLabel(kind)}`, tone: holdsText ? 'warn' : 'muted' };
  if (unread) return { text: field === 'fullName' ? 'not read: the surname column is used' : 'not read', tone: 'muted' };
  if ((preview.columns[index]?.confidence ?? 0) < 1 && holds && preview.mappingSource !== 'remembered') return { text: `recognised from its cells (${holdsText}): please check`, tone: 'warn' };
  if (preview.mappingSource === 'remembered') return { text: 'remembered from last time', tone: 'ok' };
  const confidence = preview.columns[index]?.confidence ?? 0;
  if (confidence >= 1) return { text: 'recognised', tone: 'ok' };
  return { text: 'guessed: please check', tone: 'warn' };
}

/** Step 2: what the file holds, and which column means what. */
export function CheckColumnsStep(props: CheckColumnsStepProps) {
  const { preview, kind, mapping, edited, remember, refreshing, refreshError, starting, startError, headingRef } = props;
  const sheetId = useId();
  const problemsId = useId();

  const missing = useMemo(
    () => (kind ? missingRequiredFields(headerFamilyOf(kind), mapping.map((field) => ({ field }))).map((r) => r.label) : []),
    [kind, mapping],
  );
  const conflicts = useMemo(() => {
    const byField = new Map<CanonicalField, number[]>();
    mapping.forEach((field, index) => {
      if (field) byField.set(field, [...(byField.get(field) ?? []), index]);
    });
    return [...byField].filter(([, columns]) => columns.length > 1);
  }, [mapping]);
  const conflictColumns = new Set(conflicts.flatMap(([, columns]) => columns));
  // The same columns and sentences the import report will carry, for the mapping as it now stands.
  const unread = useMemo(() => {
    if (!kind) return [];
    const columns = preview.columns.map((c, index) => ({ column: c.column, header: c.header, field: mapping[index] ?? null }));
    const holds: Array<(typeof preview.columns)[number]['holds']> = [];
    for (const c of preview.columns) holds[c.column] = c.holds;
    return unmappedColumnsOf(kind, columns, holds);
  }, [kind, mapping, preview]);
  const leftOut = useMemo(() => unmappedColumnMessages(unread, fieldLabel, 'wizard'), [unread]);
  const unreadColumns = new Set(unread.map((c) => c.column));
  const mappedCount = kind ? preview.columns.length - unread.length : mapping.filter((f) => f !== null).length;
  const noColumns = preview.columns.length === 0;
  const blocked = kind === null || missing.length > 0 || conflicts.length > 0 || noColumns;
  const sheetLabel = (name: string, hidden: boolean) => (hidden ? `${name} (hidden sheet)` : name);

  return (
    <section className="panel wizard-panel" aria-labelledby="import-step-title">
      <h2 id="import-step-title" ref={headingRef} tabIndex={-1}>
        Check the columns
      </h2>

      <dl className="file-facts">
        <div>
          <dt>File</dt>
          <dd className="file-name" data-testid="preview-file-name">{preview.fileName}</dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd>{formatLabel(preview.format)}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(preview.sizeBytes)}</dd>
        </div>
        <div>
          <dt>Rows below the header</dt>
          <dd>{preview.dataRows === null ? 'counted while importing' : formatCount(preview.dataRows)}</dd>
        </div>
      </dl>

      <div className="import-choices">
        {preview.sheets.length > 1 ? (
          <div className="field">
            <label htmlFor={sheetId}>Sheet</label>
            <select id={sheetId} value={preview.sheet ?? ''} disabled={refreshing || starting} onChange={(e) => props.onSheetChange(e.target.value)}>
              {preview.sheets.map((s) => (
                <option key={s.name} value={s.name}>
                  {sheetLabel(s.name, s.hidden)}
                </option>
              ))}
            </select>
          </div>
        ) : preview.sheet ? (
          <div className="field">
            <span className="field-label">Sheet</span>
            <span className="field-static">{preview.sheet}</span>
          </div>
        ) : null}
        <KindSelect value={kind} onChange={props.onKindChange} allowAuto={false} disabled={refreshing || starting} />
      </div>

      {refreshing ? <LoadingState label="Reading the file again…" /> : null}
      <ErrorNotice message={refreshError} title="Could not read the file again" />

      {preview.alreadyImported ? (
        <div className="notice notice-info" data-testid="already-imported">
          This file was already imported on {formatDateTime(preview.alreadyImported.importedAt)}: importing it again changes nothing.
        </div>
      ) : null}

      {preview.headerRow !== null ? (
        <p className="header-found" data-testid="header-row">
          Header found on row {formatCount(preview.headerRow)}
          {preview.headerRow > 1 ? <span className="muted"> (the rows above it are left out)</span> : null}.{' '}
          <span className="muted">
            {mappedCount} of {preview.columns.length} columns will be used.
          </span>
        </p>
      ) : (
        <div className="notice notice-warn" data-testid="header-row">
          No header row was recognised near the top of {preview.sheet ? `sheet “${preview.sheet}”` : 'this file'}: {preview.sheets.length > 1 ? 'choose the sheet that holds the list above' : 'choose another file'}.
        </div>
      )}

      <div id={problemsId}>
        {kind === null ? <div className="notice notice-error">Choose what kind of list this is before importing.</div> : null}
        {missing.length > 0 && kind !== null ? (
          <div className="notice notice-error" data-testid="missing-required">
            <strong>Cannot import this as {importKindLabel(kind)} yet.</strong> Set a column for: {missing.join('; ')}.
          </div>
        ) : null}
        {conflicts.length > 0 ? (
          <div className="notice notice-error" data-testid="mapping-conflicts">
            <strong>A field is set on more than one column.</strong>{' '}
            {conflicts
              .map(([field, columns]) => `${FIELD_LABELS[field]}: columns ${columns.map((c) => columnLetter(preview.columns[c]?.column ?? c)).join(' and ')}`)
              .join('; ')}
            . Set all but one of them to “— ignore —”.
          </div>
        ) : null}
      </div>
      {leftOut.length > 0 ? (
        <div className={leftOut.length > 1 ? 'notice notice-warn' : 'notice notice-info'} data-testid="unmapped-columns">
          <ul className="plain-list">
            {leftOut.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview.duplicateColumns.length + preview.warnings.length > 0 ? (
        <div className="notice notice-warn" data-testid="preview-warnings">
          <ul className="plain-list">
            {[...preview.duplicateColumns, ...preview.warnings].map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {noColumns ? (
        <p className="muted">The file shows no columns to import.</p>
      ) : (
        <div className="table-scroll">
          <table className="table compact column-table" aria-describedby={problemsId}>
            <caption className="visually-hidden">Columns of the file and the field each one fills</caption>
            <thead>
              <tr>
                <th scope="col" className="col-letter">Col.</th>
                <th scope="col">Header in the file</th>
                <th scope="col">Means</th>
                <th scope="col">How it was matched</th>
                <th scope="col">First values</th>
              </tr>
            </thead>
            <tbody>
              {preview.columns.map((column, index) => {
                const field = mapping[index] ?? null;
                const letter = columnLetter(column.column);
                const hint = mappingHint(preview, kind, index, field, edited.has(index), unreadColumns.has(column.column));
                const samples = column.sample.filter((s) => s.trim() !== '').slice(0, 3);
                return (
                  <tr key={column.column} className={field === null ? 'column-unused' : undefined}>
                    <td className="col-letter muted">{letter}</td>
                    <th scope="row" className="column-header">{column.header || <span className="muted">(no header)</span>}</th>
                    <td>
                      <select
                        className="field-select"
                        aria-label={`Field for column ${letter}${column.header ? ` (${column.header})` : ''}`}
                        value={field ?? ''}
                        disabled={refreshing || starting}
                        aria-invalid={conflictColumns.has(index) ? true : undefined}
                        onChange={(e) => props.onFieldChange(index, e.target.value === '' ? null : (e.target.value as CanonicalField))}
                      >
                        <option value="">— ignore —</option>
                        {FIELD_OPTION_GROUPS.map((group) => (
                          <optgroup key={group.label} label={group.label}>
                            {group.options.map((o) => (
                              <option key={o.field} value={o.field}>
                                {o.label}
                              </option>
                            ))}
                          </optgroup>
                        ))}
                      </select>
                    </td>
                    <td>
                      <span className={`match-hint match-hint-${hint.tone}`}>{hint.text}</span>
                    </td>
                    <td className="samples">
                      {samples.length === 0 ? (
                        <span className="muted">(empty)</span>
                      ) : (
                        samples.map((s, i) => (
                          <span key={i} className="sample" title={s}>
                            {s}
                          </span>
                        ))
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <ErrorNotice message={startError} title="Could not start the import" />

      <div className="wizard-actions">
        <label className="checkbox">
          <input type="checkbox" checked={remember} onChange={(e) => props.onRememberChange(e.target.checked)} disabled={starting} />
          Remember this mapping for files with these headers
        </label>
        <div className="wizard-actions-buttons">
          {blocked && !refreshing ? <span className="wizard-blocked">{kind === null ? 'Choose the kind of list first.' : 'Fix the problems above to import.'}</span> : null}
          <button type="button" className="button secondary" onClick={props.onBack} disabled={starting}>
            Choose another file
          </button>
          <button type="button" className="button primary" onClick={props.onImport} disabled={blocked || refreshing || starting} aria-describedby={problemsId}>
            {starting ? 'Starting…' : 'Import'}
          </button>
        </div>
      </div>
    </section>
  );
}
