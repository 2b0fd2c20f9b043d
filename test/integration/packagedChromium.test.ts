import { afterAll, describe, expect, it } from 'vitest';
import { statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

  it('prints a document that asks for things from outside without one request reaching a server', async () => {
    const binary = (await packagedChromium())!;
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const pdf = await printHtmlWithChromium(`<!doctype html><html><head><link rel="stylesheet" href="${base}/css"></head><body><h1>x</h1><img src="${base}/img"></body></html>`, binary);
      expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  }, 120_000);
});
