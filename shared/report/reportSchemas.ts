import { z } from 'zod';
import { RecordIdSchema } from '../api/callInputs';
import { isReportPopulation } from './cohortReportData';

/**
 * The cohort report (issue 7.4): aggregate figures only (no names, PNCs or dates of birth), so its
 * HTML may travel to the renderer for the preview. Saving goes through main like every export, so
 * it is delivered and audited ('export.report') in one place.
 *
 * PDF printing needs the desktop app (Electron's printToPDF). In the browser preview `pdfAvailable`
 * is false and `report.pdf` is refused with that explanation; the preview saves the same document
 * as HTML instead, which any browser prints to the same PDF.
 */

export const ScenarioChoiceSchema = z
  .object({
    /** A saved scenario; null for the most recently changed one. */
    scenarioId: RecordIdSchema.nullable(),
    /** Whom the report describes: auto (best source), accepted, shortlist, longList or tranche:YYYY-MM. */
    population: z
      .string()
      .refine(isReportPopulation, { message: 'auto, accepted, shortlist, longList or tranche:YYYY-MM' })
      .optional(),
  })
  .strict();

export const ReportPreviewSchema = z.object({
  /** The complete, self-contained document that is printed or saved. */
  html: z.string(),
  /** The same document without its <style>; the preview frame applies `css` itself (the app's CSP refuses inline styles). */
  previewHtml: z.string(),
  css: z.string(),
  title: z.string(),
  /** The file name a PDF would be saved under (marking first). */
  pdfFileName: z.string(),
  scenarioId: z.number().int(),
  scenarioName: z.string(),
  cohortSource: z.enum(['panel', 'tranche', 'shortlist', 'longList']),
  cohortDescription: z.string(),
  people: z.number().int().nonnegative(),
  marking: z.string(),
  /** False in the browser preview, where there is no printToPDF. */
  pdfAvailable: z.boolean(),
});
export type ReportPreview = z.infer<typeof ReportPreviewSchema>;
