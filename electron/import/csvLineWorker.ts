import { runCsvLineWorkerIfAsked } from './codedCsvRows';

/**
 * The CSV reading worker on its own (see `codedCsvRows.ts`), built beside the import worker and the
 * CLI as `csvLineWorker.js`: a bundle of the reader alone starts in a fraction of the time the
 * import worker's does (which loads the whole workspace layer, the passphrase dictionaries
 * among it), and an import waits for that start before its first row.
 */
runCsvLineWorkerIfAsked();
