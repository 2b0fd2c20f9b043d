import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { packagedChromium, packagedChromiumSupported } from '../../electron/report/packagedChromium';
import { printHtmlWithChromium } from '../../electron/report/headlessChromium';
import { pdfPageTexts } from '../support/pdfTools';
import { makeTempDir } from '../support/tempWorkspace';

/**
 * The Chromium that `npm install` brings (for machines with no browser of their own) really runs
 * here and prints, with scripts off and every request refused, as the system's browser does.
 */
const SKIP = packagedChromiumSupported() ? null : `the packaged Chromium is built for Linux x64 only (this is ${process.platform} ${process.arch})`;

describe.skipIf(SKIP !== null)(`the packaged Chromium${SKIP ? ` — SKIPPED: ${SKIP}` : ''}`, () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('unpacks once into node_modules and prints a PDF with scripts off', async () => {
    const binary = await packagedChromium();
    expect(binary).not.toBeNull();
    expect(binary!).toContain('node_modules');
    expect(statSync(binary!).mode & 0o777).toBe(0o700);
    expect(await packagedChromium()).toBe(binary);
    const pdf = await printHtmlWithChromium('<!doctype html><meta charset="utf-8"><h1>Packaged print £1,234</h1><p id="p">static</p><script>document.getElementById("p").textContent = "SCRIPT RAN";</script>', binary!);
    const path = temp.path('packaged.pdf');
    writeFileSync(path, pdf);
    const text = (await pdfPageTexts(path)).join('\n');
    expect(text).toContain('Packaged print £1,234');
    expect(text).toContain('static');
    expect(text).not.toContain('SCRIPT RAN');
  }, 120_000);

  it('refuses to print a document that asks for anything from outside, and writes nothing', async () => {
    const binary = (await packagedChromium())!;
    await expect(printHtmlWithChromium('<!doctype html><h1>x</h1><img src="http://127.0.0.1:9/beacon.png">', binary)).rejects.toThrow(/asked for 1 outside resource/);
    expect(existsSync(temp.path('none.pdf'))).toBe(false);
  }, 120_000);
});
