import { describe, expect, it } from 'vitest';
import { ChosenFiles, FILE_TOKEN_LIFETIME_MS } from '../../electron/security/chosenFiles';
import { FILE_TOKEN_PATTERN } from '../../shared/api/chosenFile';

/** The token registry's own rules (issue 17.4); the calls that use it: chosenFileTokens.test.ts. */
describe('ChosenFiles', () => {
  it('issues unguessable tokens that name the file for display only', () => {
    const files = new ChosenFiles();
    const a = files.grant('/data/lists/../lists/dtoa.xlsx', 'read');
    const b = files.grant('/data/lists/dtoa.xlsx', 'read');
    expect(a).toMatchObject({ name: 'dtoa.xlsx', location: '/data/lists/dtoa.xlsx' });
    expect(a.token).toMatch(FILE_TOKEN_PATTERN);
    expect(b.token).not.toBe(a.token);
  });

  it('spends a token on success only, and refuses a second call while the first is running', async () => {
    const files = new ChosenFiles();
    const { token } = files.grant('/data/w.iomdb', 'workspace-open');
    await expect(files.use(token, 'workspace-open', () => Promise.reject(new Error('wrong passphrase')))).rejects.toThrow('wrong passphrase');
    let release: () => void = () => {};
    const first = files.use(token, 'workspace-open', (path) => new Promise<string>((resolve) => (release = () => resolve(path))));
    await expect(files.use(token, 'workspace-open', (path) => path)).rejects.toMatchObject({ code: 'file_not_chosen', message: expect.stringContaining('being used by another request') });
    release();
    expect(await first).toBe('/data/w.iomdb');
    await expect(files.use(token, 'workspace-open', (path) => path)).rejects.toMatchObject({ code: 'file_not_chosen', message: expect.stringContaining('used already') });
  });

  it('gives the same token for the last workspace until it is spent or expires', async () => {
    let now = 0;
    const files = new ChosenFiles(() => now);
    const first = files.grantOnce('/data/w.iomdb', 'workspace-open');
    expect(files.grantOnce('/data/w.iomdb', 'workspace-open')).toEqual(first);
    expect(files.grantOnce('/data/w.iomdb', 'read').token).not.toBe(first.token);
    now += FILE_TOKEN_LIFETIME_MS;
    const renewed = files.grantOnce('/data/w.iomdb', 'workspace-open');
    expect(renewed.token).not.toBe(first.token);
    await files.use(renewed.token, 'workspace-open', () => 'opened');
    expect(files.grantOnce('/data/w.iomdb', 'workspace-open').token).not.toBe(renewed.token);
  });

  it('keeps at most 64 live tokens, forgetting the oldest, and forgets them all on lock', async () => {
    const files = new ChosenFiles();
    const tokens = Array.from({ length: 65 }, (_, i) => files.grant(`/data/${i}.csv`, 'read').token);
    await expect(files.use(tokens[0]!, 'read', (path) => path)).rejects.toMatchObject({ code: 'file_not_chosen' });
    expect(await files.use(tokens[1]!, 'read', (path) => path)).toBe('/data/1.csv');
    files.forgetAll();
    await expect(files.use(tokens[64]!, 'read', (path) => path)).rejects.toMatchObject({ code: 'file_not_chosen' });
  });
});
