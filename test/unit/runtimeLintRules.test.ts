import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { join } from 'node:path';

/**
 * The rules that keep each kind of code in its runtime, checked on code they must refuse: no
 * network module or global anywhere in the main process (the preview's loopback bridge aside),
 * and nothing from Node or the main process in shared/ or the renderer.
 */
const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('runtime lint rules', () => {
  it('refuse a network module or global in any main-process folder, but not in the preview bridge', async () => {
    expect(await ruleIds('electron/import/newReader.ts', "import { get } from 'node:https';\nexport const g = get;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('electron/someNewFolder/sync.ts', "import { connect } from 'net';\nexport const c = connect;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('electron/analysis/lookup.ts', "export const r = fetch('https://example.invalid');\n")).toContain('no-restricted-globals');
    expect(await ruleIds('electron/devBridge/bridgeServer2.ts', "import { createServer } from 'node:http';\nexport const s = createServer;\n")).toEqual([]);
  }, 60_000);

  it('keep shared/ pure and the renderer away from Node and the main process', async () => {
    expect(await ruleIds('shared/newRule.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('renderer/pages/New/NewPage.tsx', "import { openWorkspaceFile } from '../../../electron/workspace/workspaceFile';\nexport const o = openWorkspaceFile;\n")).toContain('no-restricted-imports');
  }, 60_000);
});
