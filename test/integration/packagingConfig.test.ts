import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

describe('what gets packaged', () => {
  it('flips the Electron fuses DESIGN.md lists', () => {
    const yml = read('electron-builder.yml');
    for (const line of ['runAsNode: false', 'enableNodeOptionsEnvironmentVariable: false', 'enableNodeCliInspectArguments: false', 'enableEmbeddedAsarIntegrityValidation: true', 'onlyLoadAppFromAsar: true', 'grantFileProtocolExtraPrivileges: false', 'asar: true']) {
      expect(yml).toContain(line);
    }
    expect(yml).toMatch(/target: nsis/);
    expect(yml).toMatch(/- AppImage/);
    expect(yml).toMatch(/- deb/);
    expect(yml).toMatch(/better-sqlite3-multiple-ciphers/);
  });

  it('leaves the browser-preview bridge out of the package', () => {
    expect(read('electron-builder.yml')).toContain('"!dist/devBridge/**"');
  });

  it('builds a main process bundle that loads no network module and no bridge', () => {
    const bundlePath = resolve(root, 'dist/electron/main.js');
    expect(existsSync(bundlePath), 'run npm run build first').toBe(true);
    const bundle = readFileSync(bundlePath, 'utf8');
    for (const mod of ['http', 'https', 'net', 'tls', 'dgram', 'http2']) {
      expect(bundle, mod).not.toMatch(new RegExp(`require\\(["'](node:)?${mod}["']\\)`));
    }
    expect(bundle).not.toContain('startBridge');
    const preload = readFileSync(resolve(root, 'dist/electron/preload.js'), 'utf8');
    expect(preload).not.toMatch(/require\(["'](?!electron["'])/);
  });

  it('pins SheetJS 0.20.3 through the alias, not the registry 0.18.5', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.xlsx).toBe('npm:@e965/xlsx@0.20.3');
  });
});
