import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readingWorkerScript } from '../../electron/import/codedCsvRows';

describe('the CSV reading worker script', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is the reader-only bundle beside the script that starts it, and that script when the build made none', () => {
    dir = mkdtempSync(join(tmpdir(), 'iom-line-worker-'));
    const importWorker = join(dir, 'importWorker.js');
    writeFileSync(importWorker, '');
    expect(readingWorkerScript(importWorker)).toBe(importWorker);
    writeFileSync(join(dir, 'csvLineWorker.js'), '');
    expect(readingWorkerScript(importWorker)).toBe(join(dir, 'csvLineWorker.js'));
  });
});
