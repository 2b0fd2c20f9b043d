import { execFileSync } from 'node:child_process';
import { findChromiumBinary } from '../../electron/report/headlessChromium';

function hasPoppler(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The only reasons a PDF test may skip: the machine cannot print a PDF or read one back. */
export const PDF_SKIP_REASON: string | null = !findChromiumBinary()
  ? 'no Chromium, Chrome or Edge is installed (Debian: apt-get install chromium, or set CHROME_PATH)'
  : !hasPoppler()
    ? 'pdftotext/pdfinfo/pdftoppm (poppler-utils) are not installed'
    : null;

/** The text of each page, laid out as printed (poppler's pdftotext). */
export function pdfPageTexts(path: string): string[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
  return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', path, '-'], { encoding: 'utf8' }));
}
