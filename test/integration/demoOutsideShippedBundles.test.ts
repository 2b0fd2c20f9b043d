import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_FEMALE_FORENAMES, SYNTHETIC_SURNAMES } from '../../shared/syntheticCohort';

/**
 * Issue 19, point 7: the synthetic-cohort generator (a demo and test tool) is not shipped in the
 * app's main-process bundle nor in the renderer. The app makes its demo in the demo worker, which
 * must carry it; that the demo still works through the main bundle is electronMainShell.test.ts
 * ("Open the demo workspace" and `--cli demo`) and the e2e workspaceLifecycle test.
 */
const ROOT = resolve(__dirname, '../..');

/** Text only the generator holds: its entry point's name and its made-up name pools. */
const GENERATOR_MARKS = ['generateSyntheticCohort', ...SYNTHETIC_SURNAMES, ...SYNTHETIC_FEMALE_FORENAMES.filter((name) => name.length > 5)];

function marksIn(text: string): string[] {
  return GENERATOR_MARKS.filter((mark) => text.includes(mark));
}

function rendererScripts(): string[] {
  const dir = join(ROOT, 'dist/renderer/assets');
  return readdirSync(dir).filter((name) => name.endsWith('.js')).map((name) => join(dir, name));
}

describe('the demo generator outside the shipped bundles', () => {
  beforeAll(() => {
    // Read as built by `node scripts/build.mjs` (the e2e and shell tests need the same build).
    expect(rendererScripts().length, 'run node scripts/build.mjs first').toBeGreaterThan(0);
  });

  it('is in the demo worker, which makes the demo workspace (so the marks below do find it)', () => {
    expect(marksIn(readFileSync(join(ROOT, 'dist/electron/demoWorker.js'), 'utf8'))).toEqual(GENERATOR_MARKS);
  });

  it('is not in the main-process bundle, its preload, or any of the renderer scripts', () => {
    for (const file of ['dist/electron/main.js', 'dist/electron/preload.js'].map((f) => join(ROOT, f)).concat(rendererScripts())) {
      expect(marksIn(readFileSync(file, 'utf8')), file).toEqual([]);
    }
  });
});
