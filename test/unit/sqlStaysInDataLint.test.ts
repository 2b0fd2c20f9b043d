import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every SQL statement of the app lives in electron/data/ (issue 19): lint refuses `.prepare(`,
 * `.pragma(` and a database's `.exec(` anywhere else in the main process, the migrations aside
 * (no file is exempt any more), and leaves a regular expression's `.exec(` alone.
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
    expect(await ruleIds('electron/maintenance/newVacuum.ts', "export const v = (db: { exec(s: string): void }) => db.exec('VACUUM');\n")).toContain(RULE);
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

  it('has no exception left: the import’s hot path is linted like every other main-process file, and the data layer’s own statements fire outside it', async () => {
    // The files that were last to move (issue 19): linted as they are, the rule applies and finds nothing.
    const hotPath = ['electron/import/importEngine.ts', 'electron/import/personRegistry.ts', 'electron/import/arrestStage.ts', 'electron/import/importWorker.ts'];
    for (const file of hotPath) {
      const config = (await eslint.calculateConfigForFile(join(root, file))) as { rules?: Record<string, unknown> };
      expect(config.rules?.[RULE], `${file} is exempt from ${RULE}`).toEqual([2]);
      expect(await ruleIds(file, readFileSync(join(root, file), 'utf8')), file).not.toContain(RULE);
    }
    // A real data module is quiet where it lives and refused anywhere else in the main process.
    const people = readFileSync(join(root, 'electron/data/people.ts'), 'utf8');
    expect(await ruleIds('electron/data/people.ts', people)).not.toContain(RULE);
    expect(await ruleIds('electron/import/people.ts', people)).toContain(RULE);
  }, 60_000);

  it('finds no statement prepared or pragma set anywhere in electron/ outside the data layer and the migrations', () => {
    const outside: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
        const path = `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (path !== 'electron/data' && path !== 'electron/workspace/migrations') visit(path);
        } else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name) && /\.(prepare|pragma)\(/.test(readFileSync(join(root, path), 'utf8'))) {
          outside.push(path);
        }
      }
    };
    visit('electron');
    expect(outside).toEqual([]);
  });
});
