import { useState, type FormEvent, type Ref } from 'react';
import { call, transportKind, errorMessage } from '../../api/client';
import type { ImportKindId } from '../../../shared/domain/importKinds';
import { FileDropZone } from '../../components/FileDropZone';
import { TextField } from '../../components/TextField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { KindSelect } from './KindSelect';

export interface ChooseFileStepProps {
  path: string;
  kind: ImportKindId | null;
  busy: boolean;
  error: string | null;
  headingRef: Ref<HTMLHeadingElement>;
  onPathChange(path: string): void;
  onKindChange(kind: ImportKindId | null): void;
  onPreview(): void;
}

/** Step 1: which file, and (optionally) what kind of list it is. */
export function ChooseFileStep({ path, kind, busy, error, headingRef, onPathChange, onKindChange, onPreview }: ChooseFileStepProps) {
  // The browser preview has no native dialog: the path is typed instead.
  const [dialogSupported, setDialogSupported] = useState(() => transportKind() === 'preload');
  const [browseError, setBrowseError] = useState<string | null>(null);

  async function browse() {
    setBrowseError(null);
    try {
      const result = await call('import.chooseFile', {});
      if (!result.supported) setDialogSupported(false);
      else if (result.path) onPathChange(result.path);
    } catch (e) {
      setBrowseError(errorMessage(e));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (path.trim() && !busy) onPreview();
  }

  return (
    <section className="panel wizard-panel" aria-labelledby="import-step-title">
      <h2 id="import-step-title" ref={headingRef} tabIndex={-1}>
        Choose a file
      </h2>
      <FileDropZone onPath={onPathChange}>Drop a spreadsheet here, or choose it below.</FileDropZone>
      <form onSubmit={submit} className="form import-choose">
        <TextField
          label="File to import"
          value={path}
          onValueChange={onPathChange}
          placeholder={dialogSupported ? 'Click Browse… or type the full path' : '/path/to/PotentialCandidateList.xlsx'}
          required
          autoComplete="off"
          spellCheck={false}
          hint={
            dialogSupported
              ? 'An Excel workbook (.xls, .xlsx) or a CSV file. Nothing is changed until you confirm the columns.'
              : 'Type the full path of an Excel workbook (.xls, .xlsx) or CSV file: the browser preview has no file dialog. Nothing is changed until you confirm the columns.'
          }
          trailing={
            dialogSupported ? (
              <button type="button" className="button secondary" onClick={browse} disabled={busy}>
                Browse…
              </button>
            ) : null
          }
        />
        <ErrorNotice message={browseError} title="Could not open the file dialog" />
        <KindSelect value={kind} onChange={onKindChange} allowAuto disabled={busy} hint="Usually recognised from the column headers; choose it yourself if the file says otherwise." />
        <ErrorNotice message={error} title="This file cannot be imported" />
        <div className="form-actions">
          <button className="button primary" type="submit" disabled={busy || !path.trim()}>
            {busy ? 'Reading the file…' : 'Preview'}
          </button>
        </div>
        {busy ? (
          <div className="visually-hidden" role="status">
            Reading the file…
          </div>
        ) : null}
      </form>
    </section>
  );
}
