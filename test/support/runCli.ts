import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI_PATH = resolve(__dirname, '../../bin/iom-cohort.js');

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, passphrase in the environment, never in argv. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, input?: string): CliRun {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    input: input ?? '',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
