import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { runCli } from '../support/runCli';

describe('iom-cohort CLI: init, summary, rekey', () => {
  let temp: TempDir;
  afterEach(() => temp?.remove());

  it('creates a workspace and reports its summary as JSON', () => {
    temp = makeTempDir();
    const path = temp.path('w.iomdb');
    const init = runCli(['init', path, '--name', 'CLI test'], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    const summary = runCli(['summary', path, '--json'], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(summary.status).toBe(0);
    expect(JSON.parse(summary.stdout)).toMatchObject({
      name: 'CLI test',
      people: 0,
      arrests: 0,
      imports: 0,
      flags: { dtoa: 0, gangHigh: 0, gangMidLow: 0, dv: 0, female: 0, asb: 0, yos: 0, ogrsMandatory: 0, ppo: 0 },
    });
  });

  it('refuses a guessable passphrase saying why and how strong, and leaves no file (issue 17.5)', () => {
    temp = makeTempDir();
    for (const weak of ['password1234', 'Password1234', 'qwertyuiop12']) {
      const path = temp.path(`${weak}.iomdb`);
      const init = runCli(['init', path], { IOM_PASSPHRASE: weak });
      expect(init.status, weak).toBe(2);
      expect(init.stderr.trim()).toMatch(/^iom-cohort: Too easy to guess \(strength [0-3] of 4, about 10\^\d+ guesses; 4 of 4 is needed\)\. /);
      expect(existsSync(path)).toBe(false);
    }
  });

  it('says what happened and what to do when the folder for a new workspace does not exist (issue 17.7)', () => {
    temp = makeTempDir();
    const init = runCli(['init', temp.path('no-such-folder/w.iomdb')], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(init.status).toBe(2);
    expect(init.stderr.trim()).toBe('iom-cohort: The folder for the new workspace does not exist; create it first or choose another.');
  });

  it('exits non-zero with one line on stderr for a wrong passphrase, leaving the file untouched', () => {
    temp = makeTempDir();
    const path = temp.path('w.iomdb');
    runCli(['init', path], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    const before = readFileSync(path);
    const wrong = runCli(['summary', path, '--json'], { IOM_PASSPHRASE: 'definitely not it' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/^iom-cohort: That passphrase does not unlock/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('asks for a passphrase rather than reading argv, and fails clearly without a terminal', () => {
    temp = makeTempDir();
    const run = runCli(['summary', temp.path('w.iomdb')]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/IOM_PASSPHRASE/);
  });

  it('rekeys: the new passphrase works and the old one fails', () => {
    temp = makeTempDir();
    const path = temp.path('w.iomdb');
    runCli(['init', path], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    const next = 'second long passphrase 5';
    const rekey = runCli(['rekey', path], { IOM_PASSPHRASE: TEST_PASSPHRASE, IOM_NEW_PASSPHRASE: next });
    expect(rekey.status).toBe(0);
    expect(runCli(['summary', path, '--json'], { IOM_PASSPHRASE: TEST_PASSPHRASE }).status).not.toBe(0);
    expect(runCli(['summary', path, '--json'], { IOM_PASSPHRASE: next }).status).toBe(0);
  });

  it('reports usage errors and unknown commands with a non-zero exit', () => {
    expect(runCli([]).status).toBe(64);
    const unknown = runCli(['frobnicate']);
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toMatch(/unknown command/);
    expect(runCli(['summary'], { IOM_PASSPHRASE: TEST_PASSPHRASE }).stderr).toMatch(/Missing <workspace>/);
  });
});
