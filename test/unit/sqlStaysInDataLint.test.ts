import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The lint config's list of main-process files whose SQL has not moved into electron/data/ yet.
import sqlNotYetInDataLayer from '../../scripts/eslint/sqlNotYetInDataLayer.json';

/**
 * Every SQL statement of the app lives in electron/data/ (issue 19): lint refuses `.prepare(`,
 * `.pragma(` and a database's `.exec(` anywhere else in the main process, the migrations and the
 * files still waiting to move aside, and leaves a regular expression's `.exec(` alone.
 */
const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });
const RULE = 'data-layer/sql-stays-in-data';

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the data layer lint rule', () => {
  it('refuses a statement prepared, executed or a pragma set on a database outside electron/data/', async () => {
    const prepared = "import type { Database } from 'better-sqlite3-multiple-ciphers';\nexport const n = (db: Database) => db.prepare('SELECT 1').get();\n";
    expect(await ruleIds('electron/analysis/newQuery.ts', prepared)).toContain(RULE);
    // A folder that does not exist yet is covered the day it appears.
    expect(await ruleIds('electron/someNewFolder/thing.ts', prepared)).toContain(RULE);
    expect(await ruleIds('electron/analysis/newQuery.ts', "export const v = (workspace: { db: { pragma(s: string): unknown } }) => workspace.db.pragma('user_version');\n")).toContain(RULE);
    expect(await ruleIds('electron/retention/newVacuum.ts', "export const v = (db: { exec(s: string): void }) => db.exec('VACUUM');\n")).toContain(RULE);
    expect(await ruleIds('electron/import/newUndo.ts', "export const v = (workspace: { db: { exec(s: string): void } }) => workspace.db.exec('BEGIN IMMEDIATE');\n")).toContain(RULE);
    expect(await ruleIds('electron/import/newCopy.ts', "export const v = (targetDb: { exec(s: string): void }) => targetDb.exec('VACUUM');\n")).toContain(RULE);
  }, 60_000);

  it('allows them in electron/data/ and the migrations, and leaves a regular expression’s exec alone', async () => {
    const prepared = "import type { Database } from 'better-sqlite3-multiple-ciphers';\nexport const n = (db: Database) => db.prepare('SELECT 1').get();\n";
    expect(await ruleIds('electron/data/newTableGroup.ts', prepared)).not.toContain(RULE);
    expect(await ruleIds('electron/workspace/migrations/099_next.ts', "export const m = (db: { exec(s: string): void }) => db.exec('CREATE TABLE t (a)');\n")).not.toContain(RULE);
    const regex = "const PATTERN = /^(\\d+)$/;\nexport const a = (text: string) => /^x(\\d)$/.exec(text)?.[1] ?? PATTERN.exec(text)?.[1];\n";
    expect(await ruleIds('electron/analysis/parse.ts', regex)).toEqual([]);
  }, 60_000);

  it('lists only files that exist and still run SQL, so the list of files not yet moved only shrinks', () => {
    expect(sqlNotYetInDataLayer.length).toBeGreaterThan(0);
    for (const file of sqlNotYetInDataLayer) {
      expect(existsSync(join(root, file)), `${file} is listed but does not exist`).toBe(true);
      const text = readFileSync(join(root, file), 'utf8');
      expect(/\.(prepare|pragma)\(|\b\w*(db|Db)\.exec\(/.test(text), `${file} no longer runs SQL itself: take it off sqlNotYetInDataLayer in eslint.config.mjs`).toBe(true);
    }
  });
});
