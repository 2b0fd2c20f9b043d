import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { writeRecordedExport } from '../exports/exportAudit';
import { auditReportExport, buildCohortReport, type BuiltCohortReport } from '../report/cohortReport';
import { NO_BROWSER_MESSAGE, printHtmlWithChromium, resolveBrowser } from '../report/headlessChromium';
import { CliError } from './cliError';
import { workspaceCommandArgs } from './commandArgs';
import { isReportPopulation } from '../../shared/report/cohortReportData';
import type { CliWorkspaceContext } from './cliWorkspace';
import type { CliIo } from './cli';

/** The workspace context, and for the app's executable its own printer. */
interface ReportCommandContext extends CliWorkspaceContext {
  /** The app's own printer (Electron's printToPDF) when the app's executable runs the CLI (`--cli`). */
  printPdf?: (html: string) => Promise<Uint8Array>;
}

export const REPORT_USAGE = `  report <workspace> --pdf out.pdf | --html out.html [--scenario NAME] [--population auto|accepted|shortlist|longList|tranche:YYYY-MM] [--force]
                                     the cohort report (aggregate figures, marked); the PDF is printed by
                                     Chromium/Chrome/Edge (CHROME_PATH), else the one npm installed; never replaces a file without --force`;

/**
 * `iom-cohort report`: the cohort report with the saved scenario named by --scenario (the most
 * recently changed one without it), as PDF or as the self-contained HTML it is printed from.
 */
export async function reportCommand(args: string[], io: CliIo, ctx: ReportCommandContext): Promise<void> {
  const { values, workspacePath } = workspaceCommandArgs(args, {
    pdf: { type: 'string' },
    html: { type: 'string' },
    scenario: { type: 'string' },
    population: { type: 'string', default: 'auto' },
    force: { type: 'boolean', default: false },
  });
  if ((values.pdf === undefined) === (values.html === undefined)) throw new CliError('Say where to write the report: --pdf out.pdf or --html out.html (one of them).', 64);
  const population = values.population;
  if (!isReportPopulation(population)) throw new CliError('--population must be auto, accepted, shortlist, longList or tranche:YYYY-MM (an intake month).', 64);
  const format = values.pdf !== undefined ? 'pdf' : 'html';
  const out = resolve((values.pdf ?? values.html)!);
  if (extname(out).toLowerCase() !== `.${format}`) throw new CliError(`--${format} ${basename(out)}: the file name must end in .${format}.`, 64);
  // Everything that can fail without the passphrase fails first, so a typo or a missing browser costs no prompt.
  if (existsSync(out) && !values.force) throw new CliError(`${basename(out)} already exists. Choose another name, or add --force to replace it.`);
  const browser = format === 'pdf' && !ctx.printPdf ? await resolveBrowser(process.env, () => io.err('Unpacking the Chromium that came with npm install (once, a few seconds)…')) : null;
  if (format === 'pdf' && !ctx.printPdf && browser === null) throw new CliError(process.env.CHROME_PATH ? `CHROME_PATH=${process.env.CHROME_PATH} does not exist. ${NO_BROWSER_MESSAGE}` : NO_BROWSER_MESSAGE);

  const report = await ctx.withWorkspace(workspacePath, async (workspace) => {
    const built: BuiltCohortReport = buildCohortReport(workspace, { scenarioName: values.scenario ?? null, population }, ctx.actor());
    const html = built.rendered.html;
    const bytes = format === 'html' ? html : ctx.printPdf ? await ctx.printPdf(html) : await printHtmlWithChromium(html, browser!.path);
    const actor = ctx.actor();
    writeRecordedExport(workspace, out, bytes, { overwrite: values.force, action: 'export.report', actor }, () => auditReportExport(workspace, built, format, actor, 'cli'));
    return built;
  });
  io.out(`Wrote ${out}: ${report.marking}, ${report.cohortDescription.toLowerCase()} (${report.people} people), scenario “${report.scenarioName}”.`);
}
