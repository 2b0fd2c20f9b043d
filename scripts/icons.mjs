// `npm run icons`: the app's icon in every size and container electron-builder and the window
// need, generated from assets/icon.svg (the one source) with the system's Chromium, which the UI
// tests use already (CHROME_PATH to choose one):
//   assets/icons/<N>x<N>.png  16…1024 (Linux icon set; the window uses 256x256.png)
//   assets/icon.png           1024 px (electron-builder's default, macOS and Linux)
//   assets/icon.ico           16…256, PNG-compressed entries (Windows, NSIS, the preview's favicon)
//   assets/icon.icns          16…1024 (macOS)
//   assets/icon.svg.sha256    the SVG these were made from (a test checks they are current)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// Apple's type codes for PNG payloads, by pixel size.
const ICNS_TYPES = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };

/** Windows icon file: a directory of PNG images (supported since Vista). */
export function icoFile(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map(({ png }) => png)]);
}

/** macOS icon file: 'icns', the total length, then (type, length, PNG) per size, big-endian. */
export function icnsFile(pngs) {
  const chunks = pngs.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    console.error('icons: no Chromium found (Debian: apt-get install chromium; or set CHROME_PATH).');
    process.exit(1);
  }
  return found;
}

async function render(svg) {
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const pngs = new Map();
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent"><img src="${source}" width="${size}" height="${size}" style="display:block"></body></html>`);
      await page.locator('img').evaluate((img) => img.decode());
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const svg = readFileSync(join(assets, 'icon.svg'));
  const pngs = await render(svg);
  mkdirSync(join(assets, 'icons'), { recursive: true });
  for (const [size, png] of pngs) writeFileSync(join(assets, 'icons', `${size}x${size}.png`), png);
  writeFileSync(join(assets, 'icon.png'), pngs.get(1024));
  writeFileSync(join(assets, 'icon.ico'), icoFile(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  writeFileSync(join(assets, 'icon.icns'), icnsFile(Object.entries(ICNS_TYPES).map(([size, type]) => ({ type, png: pngs.get(Number(size)) }))));
  writeFileSync(join(assets, 'icon.svg.sha256'), `${createHash('sha256').update(svg).digest('hex')}  icon.svg\n`);
  console.log(`icons: ${SIZES.length} PNG sizes, icon.png, icon.ico (${ICO_SIZES.length} sizes), icon.icns (${Object.keys(ICNS_TYPES).length} sizes) from assets/icon.svg.`);
}
