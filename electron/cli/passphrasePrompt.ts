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

export async function passphraseFromEnvOrPrompt(variable: string, question: string): Promise<string> {
  const fromEnv = process.env[variable];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return promptHidden(question);
}
