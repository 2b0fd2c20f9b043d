import { readdirSync, readFileSync } from 'node:fs';

/** One process seen under /proc: its command line and environment, read while it ran. */
export interface SeenProcess {
  pid: number;
  cmdline: string[];
  environ: string[];
}

function readNulList(path: string): string[] | null {
  try {
    return readFileSync(path, 'latin1').split('\0').filter(Boolean);
  } catch {
    return null; // gone between listing and reading, or not ours to read
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name in brackets may hold spaces; the fields after its closing bracket do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

/** Every living descendant of `root` (Linux /proc), with what it was started with. */
export function descendantProcesses(root: number): SeenProcess[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== null) parents.set(Number(entry), parent);
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parents.get(pid), hops = 0; p !== undefined && hops < 64; p = parents.get(p), hops++) {
      if (p === root) return true;
    }
    return false;
  };
  const seen: SeenProcess[] = [];
  for (const pid of parents.keys()) {
    if (!isDescendant(pid)) continue;
    const cmdline = readNulList(`/proc/${pid}/cmdline`);
    const environ = readNulList(`/proc/${pid}/environ`);
    if (cmdline && environ) seen.push({ pid, cmdline, environ });
  }
  return seen;
}
