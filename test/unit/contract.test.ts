import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CALL_NAMES, contract, channelFor } from '../../shared/api/contract';
import { mergeCallGroups, defineCall } from '../../shared/api/defineCall';
import { handlers } from '../../electron/handlers';
import { z } from 'zod';

describe('the one contract', () => {
  it('has a handler for every entry and an entry for every handler', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('declares input and output schemas and a summary for every call', () => {
    for (const name of CALL_NAMES) {
      const spec = contract[name];
      expect(spec.input, name).toBeInstanceOf(z.ZodType);
      expect(spec.output, name).toBeInstanceOf(z.ZodType);
      expect(spec.summary.length, name).toBeGreaterThan(10);
      expect(channelFor(name)).toBe(`iom:${name}`);
    }
  });

  it('refuses a call name declared twice or in the wrong group', () => {
    const spec = defineCall({ summary: 'x', requiresWorkspace: false, input: z.object({}), output: z.object({}) });
    expect(() => mergeCallGroups({ a: { 'a.x': spec }, b: { 'a.x': spec } })).toThrow(/declared twice/);
    expect(() => mergeCallGroups({ a: { 'b.x': spec } })).toThrow(/must start with/);
  });

  it('is what the preload exposes, and the preload never hands out ipcRenderer', () => {
    const preload = readFileSync(new URL('../../electron/preload.ts', import.meta.url), 'utf8');
    expect(preload).toMatch(/CALL_NAMES\.map/);
    expect(preload).toMatch(/exposeInMainWorld\('iomApi', api\)/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).not.toMatch(/ipcRenderer\.(on|send|sendSync|postMessage)\b/);
  });
});
