import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from './cliError';

/** Reads a passphrase from the terminal without echoing it; never from argv, where `ps` would show it. */
export async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new CliError('No passphrase: set IOM_PASSPHRASE or run in a terminal to be asked for it.');
  }
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => {
        process.stderr.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  } finally {
    rl.close();
  }
}

/** The variables that may carry a passphrase into the CLI. */
const PASSPHRASE_VARIABLES = ['IOM_PASSPHRASE', 'IOM_NEW_PASSPHRASE'] as const;
export type PassphraseVariable = (typeof PASSPHRASE_VARIABLES)[number];

const taken = new Map<PassphraseVariable, string>();

/**
 * Moves the passphrase variables out of the process environment into this module, once, before
 * anything runs: every child (the printing browser, a worker) would otherwise inherit them, and
 * so would anything they start.
 */
export function takePassphraseVariables(env: NodeJS.ProcessEnv = process.env): void {
  for (const variable of PASSPHRASE_VARIABLES) {
    const value = env[variable];
    if (value !== undefined) {
      if (value !== '') taken.set(variable, value);
      delete env[variable];
    }
  }
}

/** The passphrase the environment gave, if it did (taken by `takePassphraseVariables`). */
export function passphraseFromEnvironment(variable: PassphraseVariable): string | undefined {
  takePassphraseVariables();
  return taken.get(variable);
}

export async function passphraseFromEnvOrPrompt(variable: PassphraseVariable, question: string): Promise<string> {
  return passphraseFromEnvironment(variable) ?? promptHidden(question);
}
