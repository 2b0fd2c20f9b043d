import { readFileSync, writeFileSync } from 'node:fs';
import { resolveBrowser } from '../../electron/report/headlessChromium';

/**
 * Reading printed PDFs back in the tests through npm packages only (pdf.js for text and page size,
 * with @napi-rs/canvas to draw pages as PNG), so a fresh machine needs no poppler-utils.
 */

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
const loadPdfJs = (): Promise<PdfJs> => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** The only reason a PDF test may skip: no browser can print one (none installed, none came with npm install). */
export async function pdfSkipReason(): Promise<string | null> {
  return (await resolveBrowser()) ? null : 'no Chromium, Chrome or Edge is installed and the packaged one is not for this system (set CHROME_PATH)';
}

async function openPdf(path: string) {
  const { getDocument } = await loadPdfJs();
  return getDocument({ data: new Uint8Array(readFileSync(path)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}

interface PlacedText {
  text: string;
  x: number;
  y: number;
  width: number;
}

/** Text items on one baseline (within 2 pt) make a line; a gap wider than a space becomes one space. */
function linesOf(items: PlacedText[]): string[] {
  const rows: PlacedText[][] = [];
  for (const item of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const row = rows.find((r) => Math.abs(r[0]!.y - item.y) <= 2);
    if (row) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let line = '';
    let end = -Infinity;
    for (const item of row) {
      if (line && item.x - end > 1.5 && !line.endsWith(' ') && !item.text.startsWith(' ')) line += ' ';
      line += item.text;
      end = item.x + item.width;
    }
    return line;
  });
}

/** The text of each page, a line per baseline from top to bottom, as pdftotext -layout reads it. */
export async function pdfPageTexts(path: string): Promise<string[]> {
  const document = await openPdf(path);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      const items: PlacedText[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        items.push({ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width });
      }
      pages.push(linesOf(items).join('\n'));
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

/** Each page's size in points (A4 is 595 × 842). */
export async function pdfPageSizes(path: string): Promise<Array<{ width: number; height: number }>> {
  const document = await openPdf(path);
  try {
    const sizes: Array<{ width: number; height: number }> = [];
    for (let n = 1; n <= document.numPages; n++) {
      const { width, height } = (await document.getPage(n)).getViewport({ scale: 1 });
      sizes.push({ width, height });
    }
    return sizes;
  } finally {
    await document.destroy();
  }
}

/** Draws pages `first`..`last` as PNG files `<prefix>-<n>.png` at `dpi`, to be looked at; returns their paths. */
export async function renderPdfPages(path: string, prefix: string, { first = 1, last = first, dpi = 60 }: { first?: number; last?: number; dpi?: number } = {}): Promise<string[]> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const document = await openPdf(path);
  try {
    const written: string[] = [];
    for (let n = first; n <= Math.min(last, document.numPages); n++) {
      const page = await document.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
      const out = `${prefix}-${n}.png`;
      writeFileSync(out, canvas.toBuffer('image/png'));
      written.push(out);
    }
    return written;
  } finally {
    await document.destroy();
  }
}
