/**
 * writeFileAtomic, the one way exports reach the disk: the final name holds a whole file or
 * nothing, an existing file is never replaced unless asked, and no temporary file is left behind
 * by a failure (or, after a crash, by the next export to the same name).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';
import { makeTempDir, type TempDir } from '../support/tempWorkspace';

// Lets one test make hard links unavailable, as on a FAT memory stick; the rest use the real call.
const linkFailure = vi.hoisted(() => ({ code: null as string | null }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    linkSync: (existing: string, target: string) => {
      if (linkFailure.code) throw Object.assign(new Error(`${linkFailure.code}: link not supported`), { code: linkFailure.code });
      fs.linkSync(existing, target);
    },
  };
});

const { writeFileAtomic, writeFileAtomicInBackground } = await import('../../electron/exports/atomicFile');

let temp: TempDir;
beforeEach(() => {
  temp = makeTempDir('iom-atomic-');
  linkFailure.code = null;
});
afterEach(() => temp.remove());

const entries = (dir = temp.dir) => readdirSync(dir).sort();

function expectWorkspaceError(run: () => void, code: string, message: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WorkspaceError);
  expect((caught as WorkspaceError).code).toBe(code);
  expect((caught as WorkspaceError).message).toMatch(message);
}

describe('writeFileAtomic', () => {
  it('writes the bytes under the final name, owner-only, and leaves nothing else', () => {
    const target = temp.path('OFFICIAL-SENSITIVE IOM shortlist 2013-11-25.xlsx');
    const bytes = new Uint8Array(3_000_000).map((_, i) => i % 251);
    writeFileAtomic(target, bytes, { overwrite: false });
    expect(readFileSync(target).equals(Buffer.from(bytes))).toBe(true);
    expect(entries()).toEqual(['OFFICIAL-SENSITIVE IOM shortlist 2013-11-25.xlsx']);
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('writes text as UTF-8', () => {
    const target = temp.path('a.csv');
    writeFileAtomic(target, '\uFEFFÉmile,Ørsted\r\n', { overwrite: false });
    expect(readFileSync(target, 'utf8')).toBe('\uFEFFÉmile,Ørsted\r\n');
  });

  it('refuses to replace an existing file without overwrite, leaving it byte-identical and no temp file', () => {
    const target = temp.path('out.xlsx');
    writeFileSync(target, 'the analyst’s earlier export');
    expectWorkspaceError(() => writeFileAtomic(target, 'new bytes', { overwrite: false }), 'already_exists', /^out\.xlsx already exists\. Choose another name/);
    expect(readFileSync(target, 'utf8')).toBe('the analyst’s earlier export');
    expect(entries()).toEqual(['out.xlsx']);
  });

  it('replaces an existing file when asked', () => {
    const target = temp.path('out.csv');
    writeFileSync(target, 'old');
    writeFileAtomic(target, 'new', { overwrite: true });
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(entries()).toEqual(['out.csv']);
  });

  it('reports a missing folder in one line without a path to personal data, and creates nothing', () => {
    const target = join(temp.path('no-such-folder'), 'out.xlsx');
    expectWorkspaceError(() => writeFileAtomic(target, 'x', { overwrite: false }), 'bad_file', /^Could not write out\.xlsx \(ENOENT\)\. Check the folder exists and is writable\.$/);
    expect(entries()).toEqual([]);
  });

  it('removes its temporary file when the last step fails', () => {
    // A folder under the final name: the rename over it fails after the bytes were written.
    const target = temp.path('out.xlsx');
    mkdirSync(target);
    expectWorkspaceError(() => writeFileAtomic(target, new Uint8Array(100_000), { overwrite: true }), 'bad_file', /Could not write out\.xlsx/);
    expect(entries()).toEqual(['out.xlsx']);
    expect(statSync(target).isDirectory()).toBe(true);
    expect(entries(target)).toEqual([]);
  });

  it('clears what a killed export to the same name left behind, and nothing else', () => {
    const target = temp.path('out.xlsx');
    const stale = ['.out.xlsx.0123456789ab.partial', '.out.xlsx.ffffffffffff.partial'];
    const unrelated = ['.other.xlsx.0123456789ab.partial', '.out.xlsx.notours.partial', 'out.xlsx.partial'];
    for (const name of [...stale, ...unrelated]) writeFileSync(temp.path(name), 'half an export');
    writeFileAtomic(target, 'whole', { overwrite: false });
    expect(entries()).toEqual([...unrelated, 'out.xlsx'].sort());
  });

  it('keeps temporary names within file-name limits for a long final name', () => {
    const name = `${'OFFICIAL-SENSITIVE IOM decided cohort '.repeat(6)}2013-11-25.xlsx`;
    expect(name.length).toBeGreaterThan(200);
    expect(name.length).toBeLessThan(256);
    writeFileAtomic(temp.path(name), 'x', { overwrite: false });
    expect(entries()).toEqual([name]);
  });

  it('runs beforePublish with the bytes on disk but not yet under the final name, and publishes nothing if it throws', () => {
    const target = temp.path('out.xlsx');
    let seen: string[] = [];
    writeFileAtomic(target, 'whole', {
      overwrite: false,
      beforePublish: () => {
        seen = entries();
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^\.out\.xlsx\.[0-9a-f]{12}\.partial$/);
    expect(entries()).toEqual(['out.xlsx']);

    const refused = temp.path('refused.xlsx');
    expect(() =>
      writeFileAtomic(refused, 'whole', {
        overwrite: false,
        beforePublish: () => {
          throw new WorkspaceError('conflict', 'The audit entry could not be written.');
        },
      }),
    ).toThrowError('The audit entry could not be written.');
    expect(entries()).toEqual(['out.xlsx']);
  });

  it('falls back to check-and-rename where the file system has no hard links, still refusing to replace', () => {
    linkFailure.code = 'EPERM';
    const target = temp.path('usb.xlsx');
    writeFileAtomic(target, 'first', { overwrite: false });
    expect(readFileSync(target, 'utf8')).toBe('first');
    expect(entries()).toEqual(['usb.xlsx']);
    expectWorkspaceError(() => writeFileAtomic(target, 'second', { overwrite: false }), 'already_exists', /usb\.xlsx already exists/);
    expect(readFileSync(target, 'utf8')).toBe('first');
    expect(entries()).toEqual(['usb.xlsx']);
  });

  it('does not mistake other link errors for a missing feature', () => {
    linkFailure.code = 'EIO';
    const target = temp.path('out.xlsx');
    expectWorkspaceError(() => writeFileAtomic(target, 'x', { overwrite: false }), 'bad_file', /\(EIO\)/);
    expect(existsSync(target)).toBe(false);
    expect(entries()).toEqual([]);
  });
});

describe('writeFileAtomicInBackground (the app main thread\'s: the same guarantees, the waits off its loop)', () => {
  it('writes the bytes under the final name, owner-only, replacing only when asked, and leaves nothing else', async () => {
    const target = temp.path('OFFICIAL-SENSITIVE IOM shortlist 2013-11-25.xlsx');
    const bytes = new Uint8Array(3_000_000).map((_, i) => i % 251);
    await writeFileAtomicInBackground(target, bytes, { overwrite: false });
    expect(readFileSync(target).equals(Buffer.from(bytes))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
    await expect(writeFileAtomicInBackground(target, 'other', { overwrite: false })).rejects.toMatchObject({ code: 'already_exists' });
    await writeFileAtomicInBackground(target, '\uFEFFÉmile,Ørsted\r\n', { overwrite: true });
    expect(readFileSync(target, 'utf8')).toBe('\uFEFFÉmile,Ørsted\r\n');
    expect(entries()).toEqual(['OFFICIAL-SENSITIVE IOM shortlist 2013-11-25.xlsx']);
  });

  it('runs beforePublish with the bytes on disk but not yet under the final name, and publishes nothing if it throws', async () => {
    let seen: string[] = [];
    await writeFileAtomicInBackground(temp.path('out.xlsx'), 'whole', { overwrite: true, beforePublish: () => (seen = entries()) });
    expect(seen).toEqual([expect.stringMatching(/^\.out\.xlsx\.[0-9a-f]{12}\.partial$/)]);
    const refused = writeFileAtomicInBackground(temp.path('refused.xlsx'), 'whole', {
      overwrite: true,
      beforePublish: () => {
        throw new WorkspaceError('conflict', 'The audit entry could not be written.');
      },
    });
    await expect(refused).rejects.toThrowError('The audit entry could not be written.');
    expect(entries()).toEqual(['out.xlsx']);
  });

  it('says which file could not be written, and why, when the folder is missing', async () => {
    await expect(writeFileAtomicInBackground(temp.path('missing/out.xlsx'), 'x', { overwrite: true })).rejects.toMatchObject({
      code: 'bad_file',
      message: expect.stringMatching(/^Could not write out\.xlsx \(ENOENT\)\. Check the folder exists and is writable\.$/),
    });
  });
});
