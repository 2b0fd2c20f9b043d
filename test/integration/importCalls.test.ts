import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import type { AppContext } from '../../electron/runtime/appContext';
import type { ImportRecord } from '../../shared/import/importSchemas';
import { openDemoContext, type DemoContext } from '../support/demoContext';

describe('import calls on a demo workspace', () => {
  let demo: DemoContext;
  let ctx: AppContext;
  beforeAll(async () => {
    demo = await openDemoContext('Import calls');
    ctx = demo.ctx;
  });
  afterAll(() => demo.cleanup());

  it('exports the rows a list did not take as CSV for the sender, and records that in the audit trail', async () => {
    const list = await dispatchCall(ctx, 'import.list', {});
    if (!list.ok) throw new Error(list.error.message);
    const dtoa = (list.value as ImportRecord[]).find((r) => r.kind === 'list:dtoa')!;
    expect(dtoa.rowsUnmatched).toBe(1);
    const result = await dispatchCall(ctx, 'import.rejectedRowsCsv', { importId: dtoa.id });
    if (!result.ok) throw new Error(result.error.message);
    const { fileName, csv } = result.value as { fileName: string; csv: string };
    expect(fileName).toBe(`rejected-rows-import-${dtoa.id}.csv`);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Row,/);
    expect(lines.filter((l) => l.includes('unmatched'))).toHaveLength(1);
    const audit = ctx.session.requireWorkspace().db.prepare("SELECT entity_id FROM audit_log WHERE action = 'export.rejectedRows'").pluck().all();
    expect(audit).toEqual([String(dtoa.id)]);
  });

  it('refuses an export for an import that does not exist', async () => {
    const result = await dispatchCall(ctx, 'import.rejectedRowsCsv', { importId: 99999 });
    expect(result).toMatchObject({ ok: false });
  });
});
