import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { NO_FILE, tokenFor, type FileChoice } from '../../api/chosenFiles';
import { useJob } from '../../api/useJob';
import type { ImportPreview, ImportReport } from '../../../shared/import/importSchemas';
import type { ImportKindId } from '../../../shared/domain/importKinds';
import type { CanonicalField } from '../../../shared/import/headerRecognition';
import { ChooseFileStep } from './ChooseFileStep';
import { CheckColumnsStep } from './CheckColumnsStep';
import { ImportingStep } from './ImportingStep';
import { ResultStep } from './ResultStep';
import { PreviousImports } from './PreviousImports';
import { ReplaceChoice } from './ReplaceChoice';

type Step = 'choose' | 'check' | 'importing' | 'result';

const STEPS: ReadonlyArray<{ id: Step; label: string }> = [
  { id: 'choose', label: 'Choose file' },
  { id: 'check', label: 'Check columns' },
  { id: 'importing', label: 'Importing' },
  { id: 'result', label: 'Result' },
];

/** The file and sheet a preview describes, so a later answer for an older request is dropped. */
interface PreviewRequest {
  /** The file chosen in step 1; null: the file already previewed (its latest token). */
  file: FileChoice | null;
  kind: ImportKindId | null;
  sheet?: string;
}

/**
 * An import still running when the analyst leaves the screen: coming back picks it up again
 * rather than losing sight of it (the job itself runs in main regardless).
 */
let runningImport: { jobId: string; preview: ImportPreview; previewFile: string; kind: ImportKindId } | null = null;

/**
 * The Import wizard: choose a file, check how its columns are read, import it off the UI thread
 * with progress, and see what happened row by row. Previous imports are listed below.
 */
export function ImportPage() {
  const [resumed] = useState(() => runningImport);
  const [step, setStep] = useState<Step>(resumed ? 'importing' : 'choose');
  const [choice, setChoice] = useState<FileChoice>(NO_FILE);
  const [kind, setKind] = useState<ImportKindId | null>(resumed?.kind ?? null);
  /** True when the analyst chose the kind; otherwise it was suggested by the file and is dropped with it. */
  const [kindChosen, setKindChosen] = useState(false);
  /** The token for the next read of the previewed file: each preview or start spends one and answers with the next. */
  const previewFile = useRef(resumed?.previewFile ?? '');
  const [preview, setPreview] = useState<ImportPreview | null>(resumed?.preview ?? null);
  const [mapping, setMapping] = useState<Array<CanonicalField | null>>(() => resumed?.preview.columns.map((c) => c.field) ?? []);
  const [edited, setEdited] = useState<ReadonlySet<number>>(new Set());
  const [remember, setRemember] = useState(true);
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(resumed?.jobId ?? null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [listKey, setListKey] = useState(0);
  /** An earlier import this file is to replace; null: it adds to what is there. */
  const [replaceImportId, setReplaceImportId] = useState<number | null>(null);
  const requestSeq = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const job = useJob(jobId);

  // Each step's heading takes the focus, so keyboard and screen-reader users land on the new step.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const runPreview = useCallback(
    async (request: PreviewRequest, keepEditsFrom: { preview: ImportPreview; mapping: Array<CanonicalField | null>; edited: ReadonlySet<number> } | null) => {
      const seq = ++requestSeq.current;
      setPreviewing(true);
      setPreviewError(null);
      setStartError(null);
      try {
        const file = request.file ? await tokenFor(request.file, 'read') : previewFile.current;
        const result = await call('import.preview', { file, ...(request.kind ? { kind: request.kind } : {}), ...(request.sheet !== undefined ? { sheet: request.sheet } : {}) });
        if (seq !== requestSeq.current) return;
        previewFile.current = result.file;
        const nextMapping = result.columns.map((c) => c.field);
        const nextEdited = new Set<number>();
        // Changing the kind re-reads the same sheet: the analyst's own choices stay where the headers are unchanged.
        if (keepEditsFrom && keepEditsFrom.preview.sheet === result.sheet) {
          for (const index of keepEditsFrom.edited) {
            const before = keepEditsFrom.preview.columns[index];
            const after = result.columns[index];
            if (before && after && before.column === after.column && before.header === after.header) {
              nextMapping[index] = keepEditsFrom.mapping[index] ?? null;
              nextEdited.add(index);
            }
          }
        }
        setPreview(result);
        setMapping(nextMapping);
        setEdited(nextEdited);
        setKind(request.kind ?? result.suggestedKind);
        setStep('check');
      } catch (e) {
        if (seq === requestSeq.current) setPreviewError(errorMessage(e));
      } finally {
        if (seq === requestSeq.current) setPreviewing(false);
      }
    },
    [],
  );

  // Follow the job: a report moves on to the result, a stop stays on step 3 to say what happened.
  useEffect(() => {
    const state = job.job?.state;
    if (state && state !== 'running' && runningImport?.jobId === job.job?.jobId) runningImport = null;
    if (state === 'done' && job.job?.result) {
      setReport(job.job.result);
      setStep('result');
    }
    if (state && state !== 'running') setListKey((k) => k + 1);
  }, [job.job]);

  useEffect(() => {
    if (job.pollError && runningImport?.jobId === jobId) runningImport = null;
  }, [job.pollError, jobId]);

  async function startImport(confirmReplace = false) {
    if (!preview || !kind) return;
    setStarting(true);
    setStartError(null);
    try {
      const { jobId: started, file: next } = await call('import.start', {
        file: previewFile.current,
        kind,
        ...(preview.sheet !== null ? { sheet: preview.sheet } : {}),
        mapping: preview.columns.map((c, index) => ({ column: c.column, field: mapping[index] ?? null })),
        rememberMapping: remember,
        // A replacement runs as a rolled-back preview first; the result step confirms it.
        ...(replaceImportId !== null ? { replaceImportId, dryRun: !confirmReplace } : {}),
      });
      previewFile.current = next;
      setReport(null);
      runningImport = { jobId: started, preview, previewFile: next, kind };
      setJobId(started);
      setStep('importing');
    } catch (e) {
      setStartError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  }

  function startAgain() {
    requestSeq.current++;
    setStep('choose');
    setChoice(NO_FILE);
    setKind(null);
    setKindChosen(false);
    setPreview(null);
    previewFile.current = '';
    setMapping([]);
    setEdited(new Set());
    setPreviewError(null);
    setPreviewing(false);
    setStartError(null);
    setJobId(null);
    setReport(null);
    setReplaceImportId(null);
  }

  /** The analyst's own choice of kind (none: recognise it from the file), kept when going back a step. */
  function chooseKind(next: ImportKindId | null) {
    setKind(next);
    setKindChosen(next !== null);
  }

  function backToColumns() {
    setJobId(null);
    setStep(preview ? 'check' : 'choose');
  }

  const stepIndex = STEPS.findIndex((s) => s.id === step);

  return (
    <div className="page import-page">
      <header className="page-header">
        <h1>Import</h1>
        <p className="muted">Bring a list into the workspace: the Potential Candidate List first, then the arrests extract, the agency lists and the PINS results.</p>
      </header>

      <ol className="wizard-steps" aria-label="Import steps">
        {STEPS.map((s, index) => (
          <li key={s.id} className={index === stepIndex ? 'current' : index < stepIndex ? 'done' : undefined} aria-current={index === stepIndex ? 'step' : undefined}>
            <span className="wizard-step-number" aria-hidden="true">
              {index < stepIndex ? '✓' : index + 1}
            </span>
            <span className="wizard-step-label">
              {s.label}
              {index < stepIndex ? <span className="visually-hidden"> (done)</span> : null}
            </span>
          </li>
        ))}
      </ol>

      {step === 'choose' ? <ChooseFileStep choice={choice} kind={kind} busy={previewing} error={previewError} headingRef={headingRef} onChoiceChange={setChoice} onKindChange={chooseKind} onPreview={() => void runPreview({ file: choice, kind }, null)} /> : null}

      {step === 'check' && preview ? (
        <CheckColumnsStep
          preview={preview}
          kind={kind}
          mapping={mapping}
          edited={edited}
          remember={remember}
          refreshing={previewing}
          refreshError={previewError}
          starting={starting}
          startError={startError}
          headingRef={headingRef}
          onSheetChange={(sheet) => void runPreview({ file: null, kind, sheet }, null)}
          onKindChange={(next) => {
            chooseKind(next);
            if (next) void runPreview({ file: null, kind: next, ...(preview.sheet !== null ? { sheet: preview.sheet } : {}) }, { preview, mapping, edited });
          }}
          onFieldChange={(index, field) => {
            setMapping((previous) => previous.map((f, i) => (i === index ? field : f)));
            setEdited((previous) => new Set(previous).add(index));
          }}
          onRememberChange={setRemember}
          onBack={() => {
            requestSeq.current++;
            setPreviewing(false);
            setPreviewError(null);
            if (!kindChosen) setKind(null);
            // The chosen file's own token was spent by the preview: previewing it again uses the latest.
            if (choice.kind === 'chosen') setChoice({ kind: 'chosen', file: { ...choice.file, token: previewFile.current } });
            setStep('choose');
          }}
          onImport={() => void startImport()}
        />
      ) : null}
      {step === 'check' && preview ? <ReplaceChoice kind={kind} value={replaceImportId} onChange={setReplaceImportId} /> : null}

      {step === 'importing' && preview && kind ? (
        <ImportingStep fileName={preview.fileName} kind={kind} job={job} headingRef={headingRef} onBackToColumns={backToColumns} onStartAgain={startAgain} />
      ) : null}

      {step === 'result' && report ? <ResultStep report={report} headingRef={headingRef} onImportAnother={startAgain} onConfirmReplace={report.dryRun ? () => void startImport(true) : undefined} /> : null}

      <PreviousImports refreshKey={listKey} onChanged={() => setListKey((k) => k + 1)} />
    </div>
  );
}
