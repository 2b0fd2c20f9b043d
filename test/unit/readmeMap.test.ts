import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The README's map of where things live names real paths, so it cannot quietly go stale after a move. */
const root = join(__dirname, '..', '..');

function mapSection(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('**Where things live**');
  const end = readme.indexOf('\n## ', start);
  expect(start).toBeGreaterThan(0);
  return readme.slice(start, end);
}

describe('README map', () => {
  it('names only paths that exist', () => {
    const paths = [...mapSection().matchAll(/`([\w./-]+\/[\w./-]*)`/g)].map((m) => m[1]!).filter((p) => !p.includes('NNN') && !p.includes('<') && !p.includes('*'));
    expect(paths.length).toBeGreaterThan(12);
    const missing = paths.filter((p) => !existsSync(join(root, p)));
    expect(missing).toEqual([]);
  });

  it('names the migration it gives as the example by its file in the migrations folder', () => {
    const example = /\| a migration \|[^\n]*\| `(\d{3}_\w+\.ts)` \|/.exec(mapSection());
    expect(example).not.toBeNull();
    expect(existsSync(join(root, 'electron/workspace/migrations', example![1]!))).toBe(true);
  });
});
