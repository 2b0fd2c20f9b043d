import { runCsvLineWorkerIfAsked } from '../import/codedCsvRows';
import { runCli as runCommands, type CliIo, type CliRunOptions } from './cli';
import { createDemoWorkspace } from '../workspace/demoWorkspace';

/**
 * The entry of dist/cli.js (bin/iom-cohort.js requires it for runCli). Kept apart from cli.ts so
 * the app's main bundle, which runs the same commands after `--cli`, does not start them on load,
 * and carries no synthetic-cohort generator: this bundle makes the demo in its own thread.
 */
export function runCli(argv: string[], io: CliIo, options: CliRunOptions = {}): Promise<number> {
  return runCommands(argv, io, { makeDemo: createDemoWorkspace, ...options });
}

// Started as an import's CSV reading worker (`lineWorkerScript`), the CLI does only that.
if (require.main === module && !runCsvLineWorkerIfAsked()) {
  void runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
