#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

// Piping into `head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const built = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(built)) {
  process.stderr.write('iom-cohort: the CLI is not built yet; run "npm run build" (npm install does it).\n');
  process.exit(70);
}
require(built)
  .runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  })
  .then((code) => {
    process.exitCode = code;
  });
