/**
 * The installed app has no Node to run `dist/cli.js` with (the RunAsNode fuse is off), so its own
 * executable takes the CLI's commands after `--cli`: `<app> --cli summary w.iomdb --json`.
 * Whatever Chromium or the launcher put before `--cli` is theirs; everything after it is the CLI's.
 * Null when the app was started to open its window.
 */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli');
  return at === -1 ? null : argv.slice(at + 1);
}
