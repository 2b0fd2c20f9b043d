import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_FEMALE_FORENAMES, SYNTHETIC_SURNAMES } from '../../shared/workspace/syntheticCohort';

/**
 * Issue 19, point 7: the synthetic-cohort generator (a demo and test tool) is not shipped in the
 * app's main-process bundle, its preload and workers, nor in the renderer. The app makes its demo in the demo worker, which
 * must carry it; that the demo still works through the main bundle is electronMainShell.test.ts
 * ("Open the demo workspace" and `--cli demo`) and the e2e workspaceLifecycle test.
 */
const ROOT = resolve(__dirname, '../..');

/** Text only the generator holds: its entry point's name and its made-up name pools. */
const GENERATOR_MARKS = ['generateSyntheticCohort', ...SYNTHETIC_SURNAMES, ...SYNTHETIC_FEMALE_FORENAMES.filter((name) => name.length > 5)];

function marksIn(text: string): string[] {
  return GENERATOR_MARKS.filter((mark) => text.includes(mark));
}

/** Every main-process bundle the app ships (main, preload and each worker) except the demo worker. */
function shippedNodeBundles(): string[] {
  const dir = join(ROOT, 'dist/electron');
  return readdirSync(dir).filter((name) => name.endsWith('.js') && name !== 'demoWorker.js').map((name) => join(dir, name));
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

  it('is not in the main-process bundle, its preload, its other workers, or any of the renderer scripts', () => {
    const bundles = shippedNodeBundles();
    // The list is read from the folder, so a new worker is checked too; these must be among it.
    for (const name of ['main.js', 'preload.js', 'importWorker.js', 'backgroundWorker.js', 'csvLineWorker.js']) expect(bundles).toContain(join(ROOT, 'dist/electron', name));
    for (const file of bundles.concat(rendererScripts())) {
      expect(marksIn(readFileSync(file, 'utf8')), file).toEqual([]);
    }
  });
});
