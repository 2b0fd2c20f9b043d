// Stands in for the download-and-compile step of scripts/electronBinding.mjs where Electron's
// headers cannot be fetched. It writes what a real build writes (build/Release/better_sqlite3.node
// in the folder it is run in, marked with the ABI it was asked for) and logs where it ran, so a
// test can show the build happened in a copy and the Node build was left alone.
// STAND_IN_ABI overrides the ABI written (to play a build for the wrong runtime).
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const abi = process.env.STAND_IN_ABI ?? process.argv.find((a) => a.startsWith('--abi='))?.slice('--abi='.length);
mkdirSync(join(process.cwd(), 'build', 'Release'), { recursive: true });
writeFileSync(join(process.cwd(), 'build', 'Release', 'better_sqlite3.node'), `stand-in binding, not loadable: node_register_module_v${abi}\n`);
if (process.env.STAND_IN_LOG) appendFileSync(process.env.STAND_IN_LOG, `${JSON.stringify({ cwd: process.cwd(), args: process.argv.slice(2) })}\n`);
