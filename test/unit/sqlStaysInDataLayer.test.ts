import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 19 point 1: every SQL statement of the app (migrations aside) lives in electron/data/, and
 * the callers never prepare SQL themselves. This holds the folders already moved to that rule, so a
 * statement cannot creep back in; more folders join the list as their SQL moves.
 */
const root = join(__dirname, '..', '..');

const MOVED = ['electron/panel', 'electron/intake', 'electron/tracking', 'electron/agencySheets', 'electron/report/cohortReportData.ts', 'electron/cli', 'electron/handlers', 'electron/services'];

/** A database call that runs SQL text: `.prepare(`, `.pragma(` or `db.exec(` (a RegExp's `.exec(` is not one). */
const SQL_CALL = /\.\s*(?:prepare|pragma)\s*\(|\bdb\s*\.\s*exec\s*\(/g;

function sqlCalls(source: string): string[] {
  return source.split('\n').flatMap((line, i) => (line.match(SQL_CALL) ? [`${i + 1}: ${line.trim()}`] : []));
}

function tsFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => (statSync(join(path, name)).isDirectory() ? tsFiles(join(path, name)) : name.endsWith('.ts') ? [join(path, name)] : []));
}

describe('SQL stays in the data layer', () => {
  it('finds the calls it is meant to find, and not a RegExp exec', () => {
    expect(sqlCalls("const n = db.prepare('SELECT 1').get();")).toHaveLength(1);
    expect(sqlCalls('  workspace.db\n    .prepare(`SELECT 1`)')).toHaveLength(1);
    expect(sqlCalls("workspace.db.pragma('busy_timeout = 250');")).toHaveLength(1);
    expect(sqlCalls("db.exec('VACUUM');")).toHaveLength(1);
    expect(sqlCalls('const m = PATTERN.exec(cell); prepareAgencySheet(workspace);')).toEqual([]);
  });

  it('leaves no statement in the callers that have moved theirs to electron/data/', () => {
    const found = MOVED.flatMap((path) => tsFiles(join(root, path)).flatMap((file) => sqlCalls(readFileSync(file, 'utf8')).map((call) => `${relative(root, file)}:${call}`)));
    expect(found).toEqual([]);
  });
});
