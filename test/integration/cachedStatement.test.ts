import { afterAll, describe, expect, it } from 'vitest';
import { cachedStatement } from '../../electron/data/workspaceDb';
import { makeTempWorkspace } from '../support/tempWorkspace';

describe('the data layer statement cache', () => {
  const { workspace, cleanup } = makeTempWorkspace();
  afterAll(cleanup);

  it('prepares a text once per connection', () => {
    const sql = 'SELECT COUNT(*) AS n FROM people';
    expect(cachedStatement(workspace.db, sql)).toBe(cachedStatement(workspace.db, sql));
  });

  it('hands out each fetch in plain-row mode, so one caller plucking does not change what another gets', () => {
    const sql = 'SELECT COUNT(*) AS n FROM people';
    expect(cachedStatement(workspace.db, sql).pluck().get()).toBe(0);
    expect(cachedStatement(workspace.db, sql).get()).toEqual({ n: 0 });
    expect(cachedStatement(workspace.db, sql).raw().get()).toEqual([0]);
    expect(cachedStatement(workspace.db, sql).get()).toEqual({ n: 0 });
  });

  it('leaves statements that return no rows as they are', () => {
    const sql = "INSERT INTO settings (key, value) VALUES ('cache-test', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    expect(() => cachedStatement(workspace.db, sql).run()).not.toThrow();
    expect(() => cachedStatement(workspace.db, sql).run()).not.toThrow();
  });
});
