/**
 * The app's icon (issue 14, point 3): generated from assets/icon.svg by scripts/icons.mjs into the
 * sizes and containers electron-builder, the window and the browser preview use. Checked by reading
 * the files' own structure (PNG header, ICO directory, ICNS chunks), and the preview serving it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { makeTempDir } from '../support/tempWorkspace';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ASSETS = resolve(__dirname, '../../assets');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the app icon', () => {
  it('is generated from the current SVG', () => {
    const svg = readFileSync(join(ASSETS, 'icon.svg'));
    expect(svg.toString('utf8')).toMatch(/viewBox="0 0 512 512"/);
    const recorded = readFileSync(join(ASSETS, 'icon.svg.sha256'), 'utf8').split(/\s+/)[0];
    expect(recorded, 'assets/icon.svg changed: run npm run icons').toBe(createHash('sha256').update(svg).digest('hex'));
  });

  it('has a square PNG per size, 16 to 1024, and the 1024 one as icon.png', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(readFileSync(join(ASSETS, 'icons', `${size}x${size}.png`))), `${size}`).toEqual({ width: size, height: size });
    }
    expect(readFileSync(join(ASSETS, 'icon.png')).equals(readFileSync(join(ASSETS, 'icons', '1024x1024.png')))).toBe(true);
  });

  it('icon.ico holds 16 to 256 px as PNG entries whose directory matches them', () => {
    const ico = readFileSync(join(ASSETS, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const entry = 6 + 16 * i;
      const declared = ico.readUInt8(entry) || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      expect(ico.readUInt16LE(entry + 6)).toBe(32);
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual({ width: declared, height: declared });
      sizes.push(declared);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('icon.icns holds 16 to 1024 px under Apple\'s type codes', () => {
    const icns = readFileSync(join(ASSETS, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const chunks: [string, number][] = [];
    for (let at = 8; at < icns.length; ) {
      const type = icns.toString('latin1', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      chunks.push([type, pngSize(icns.subarray(at + 8, at + length)).width]);
      at += length;
    }
    expect(chunks).toEqual([['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]]);
  });

  it('is the browser preview\'s /favicon.ico', async () => {
    // Its own data folder: the preview writes its log there, not in the account's real one.
    const data = makeTempDir('iom-icon-preview-');
    const preview = spawn(process.execPath, [resolve(__dirname, '../../dist/devBridge/preview.js'), `--data-dir=${data.path('data')}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const base = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        preview.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
          if (found) resolveUrl(found[1]!);
        });
        preview.once('exit', (code) => reject(new Error(`preview exited with ${code}`)));
      });
      const response = await fetch(`${base}/favicon.ico`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/x-icon');
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(ASSETS, 'icon.ico')))).toBe(true);
    } finally {
      preview.kill('SIGTERM');
      await new Promise((r) => (preview.exitCode === null ? preview.once('exit', r) : r(null)));
      data.remove();
    }
  });
});
