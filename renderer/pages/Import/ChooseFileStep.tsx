import type { FormEvent, Ref } from 'react';
import { call } from '../../api/client';
import { hasFile, type FileChoice } from '../../api/chosenFiles';
import { ChosenFileField } from '../../components/ChosenFileField';
import type { ImportKindId } from '../../../shared/domain/importKinds';
import { FileDropZone } from '../../components/FileDropZone';
import { ErrorNotice } from '../../components/ErrorNotice';
import { KindSelect } from './KindSelect';

interface ChooseFileStepProps {
  choice: FileChoice;
  kind: ImportKindId | null;
  busy: boolean;
  error: string | null;
  headingRef: Ref<HTMLHeadingElement>;
  onChoiceChange(choice: FileChoice): void;
  onKindChange(kind: ImportKindId | null): void;
  onPreview(): void;
}

/** Step 1: which file, and (optionally) what kind of list it is. */
const chooseSpreadsheet = () => call('import.chooseFile', {});

export function ChooseFileStep({ choice, kind, busy, error, headingRef, onChoiceChange, onKindChange, onPreview }: ChooseFileStepProps) {
  function submit(event: FormEvent) {
    event.preventDefault();
    if (hasFile(choice) && !busy) onPreview();
  }

  return (
    <section className="panel wizard-panel" aria-labelledby="import-step-title">
      <h2 id="import-step-title" ref={headingRef} tabIndex={-1}>
        Choose a file
      </h2>
      <FileDropZone purpose="read" onFile={(file) => onChoiceChange({ kind: 'chosen', file })}>Drop a spreadsheet here, or choose it below.</FileDropZone>
      <form onSubmit={submit} className="form import-choose">
        <ChosenFileField
          label="File to import"
          choice={choice}
          onChoice={onChoiceChange}
          browse={chooseSpreadsheet}
          typedPlaceholder="/path/to/PotentialCandidateList.xlsx"
          required
          disabled={busy}
          hint="An Excel workbook (.xls, .xlsx) or a CSV file. Nothing is changed until you confirm the columns."
          typedHint="Type the full path of an Excel workbook (.xls, .xlsx) or CSV file: the browser preview has no file dialog. Nothing is changed until you confirm the columns."
        />
        <KindSelect value={kind} onChange={onKindChange} allowAuto disabled={busy} hint="Usually recognised from the column headers; choose it yourself if the file says otherwise." />
        <ErrorNotice message={error} title="This file cannot be imported" />
        <div className="form-actions">
          <button className="button primary" type="submit" disabled={busy || !hasFile(choice)}>
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
