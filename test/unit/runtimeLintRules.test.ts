import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { join } from 'node:path';

/**
 * The rules that keep each kind of code in its runtime, checked on code they must refuse: no
 * network module or global anywhere in the main process or shared/ (the preview's loopback bridge
 * aside), nothing from Node or the main process in shared/ or the renderer, the renderer importing
 * only shared/ and itself, and React effects naming what they read.
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
    expect(await ruleIds('renderer/pages/New/NewPage.tsx', "import { openWorkspaceFile } from '../../../electron/workspace/workspaceFile';\nexport const o = openWorkspaceFile;\n")).toContain('project/imports-stay-within');
    expect(await ruleIds('shared/newRule.ts', "import { useHashRoute } from '../renderer/useHashRoute';\nexport const u = useHashRoute;\n")).toContain('project/imports-stay-within');
  }, 60_000);

  it('refuse a network module or global in shared/ too', async () => {
    expect(await ruleIds('shared/lookup.ts', "import { get } from 'node:https';\nexport const g = get;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('shared/socket.ts', "import WebSocket from 'ws';\nexport const w = WebSocket;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('shared/lookup.ts', "export const r = fetch('https://example.invalid');\n")).toContain('no-restricted-globals');
  }, 60_000);

  it('let the renderer import only shared/ and itself, resolved by path, not by a list of folder names', async () => {
    const rendererFile = 'renderer/pages/New/NewPage.tsx';
    // Any other folder of the project, including one that does not exist yet, and every way of importing.
    expect(await ruleIds(rendererFile, "import { tempWorkspace } from '../../../test/support/tempWorkspace';\nexport const t = tempWorkspace;\n")).toContain('project/imports-stay-within');
    expect(await ruleIds(rendererFile, "export { build } from '../../../scripts/build.mjs';\n")).toContain('project/imports-stay-within');
    expect(await ruleIds(rendererFile, "export const later = () => import('../../../someNewFolder/thing');\n")).toContain('project/imports-stay-within');
    expect(await ruleIds(rendererFile, "export type T = typeof import('../../../electron/cli');\n")).toContain('project/imports-stay-within');
    expect(await ruleIds(rendererFile, "import { x } from '../../../../outsideTheProject';\nexport const y = x;\n")).toContain('project/imports-stay-within');
    // shared/, the renderer's own folders and packages are allowed.
    const allowed = [
      "import { parsePnc } from '../../../shared/pnc';",
      "import { call } from '../../api/client';",
      "import { useState } from 'react';",
      'export const used = [parsePnc, call, useState];',
    ].join('\n');
    expect(await ruleIds(rendererFile, `${allowed}\n`)).toEqual([]);
  }, 60_000);

  it('refuse a React effect that reads a value its dependencies leave out', async () => {
    const code = [
      "import { useEffect } from 'react';",
      'export function Title({ text, id }: { text: string; id: number }) {',
      '  useEffect(() => {',
      '    document.title = text;',
      '  }, [id]);',
      '  return <span>{id}</span>;',
      '}',
    ].join('\n');
    expect(await ruleIds('renderer/components/Title.tsx', `${code}\n`)).toContain('react-hooks/exhaustive-deps');
    expect(await ruleIds('renderer/components/Title.tsx', `${code.replace('[id]', '[text]')}\n`)).toEqual([]);
  }, 60_000);
});
