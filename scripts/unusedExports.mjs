// Lists the exports that no other module imports, with the TypeScript checker over the project's
// tsconfig (app, tests and benchmarks alike), so an export reached through a re-export counts too.
//
//   node scripts/unusedExports.mjs              three groups: exported but used nowhere, used only in
//                                               its own file (the `export` can go), and imported only by
//                                               tests or benchmarks; allow-listed ones with their reason
//   node scripts/unusedExports.mjs --json       the same as JSON (test/unit/unusedExports.test.ts)
//   node scripts/unusedExports.mjs --fix-local  drops `export` from every export used only in its own
//                                               file that is not allow-listed, then prints what it did
//   (test/unit/unusedExports.test.ts fails on an unexplained export used nowhere or only in its own file)
//
// --fix-local edits text, not an AST printout, so comments and formatting stay: `export ` goes from
// `export function/const/let/class/interface/type/enum/namespace` (every overload too), and a name
// goes from an `export { a, b }` list (the list itself when it empties). It is safe to rerun on a
// tree that has changed since: it recomputes the listing each time and touches only what is listed.
// The .mjs rules in scripts/eslint/ and the eslint config are outside the tsconfig, so never listed.
import ts from 'typescript';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Exports nothing imports that are kept all the same, each with why (matched by file name, as below).
 * The dead ones sit in files other engineers were editing in session 9 (issue 19 point 7 left them
 * alone there): remove each with its code at the merge, then its line here.
 */
/**
 * The entry points scripts/build.mjs bundles: code outside the TypeScript project loads their bundles
 * and calls their exports by name (bin/iom-cohort.js calls dist/cli.js's runCli), so they all stay.
 */
const BUILD_ENTRY_REASON = 'a build entry\'s export: code outside the TypeScript project loads its bundle and calls it (bin/, scripts/)';
const buildEntries = () => new Set([...readFileSync(join(root, 'scripts/build.mjs'), 'utf8').matchAll(/\bin: '([^']+)'/g)].map((m) => m[1]));
const MUST_STAY_EXPORTED = new Map([
  ['vite.config.mts: default', 'Vite reads the config file\'s default export'],
  ['vitest.config.mts: default', 'Vitest reads the config file\'s default export'],
]);

/**
 * A value its own file reads only as a type (a zod schema behind `z.infer<typeof …>`): without its
 * `export` lint calls it unused, so it stays exported; writing the type out would free it.
 */
const VALUE_READ_ONLY_AS_TYPE = 'a value its own file reads only as a type (typeof): lint would call it unused without the export';
const VALUE_FLAGS = ts.SymbolFlags.Variable | ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Enum;

/**
 * Product exports that only tests or benchmarks import, kept for a reason: each reason with its
 * files, and in each file the names it keeps, space-separated. "unit-tested directly": the product
 * uses it in its own file and a test exercises it on its own. A test-only helper the product never
 * calls does not belong here: it moves to test/support/ or bench/.
 */
const UNIT = 'unit-tested directly';
const OWN_VALUE = 'the product\'s own value, which a test reads rather than copies';
const OWN_TYPE = 'a type its own file\'s code uses, which tests name';
const DEMO = 'the demo generator\'s data and helpers, which the test fixtures share so they match the demo';
const TEST_IMPORTS_ALLOWED = [
  [
    UNIT,
    {
      'electron/analysis/analysisModelLoader.ts': 'classificationOverrides classificationRules',
      'electron/exports/agencySheets/agencySheetExport.ts': 'unpackSheetRows',
      'electron/import/codedCsvRows.ts': 'readingWorkerScript',
      'electron/import/codedXlsxRows.ts': 'XlsxArrestRowCoder',
      'electron/import/readers/readCsv.ts': 'CsvRecordParser',
      'electron/import/readers/zipGuard.ts': 'crc32 crc32Fallback',
      'electron/import/sheetChoice.ts': 'chooseAmong',
      'electron/import/startImportJob.ts': 'workerFailure',
      'electron/logFile.ts': 'createRotatingFileSink',
      'electron/maintenance/retentionRules.ts': 'readRetentionPolicy',
      'electron/report/headlessChromium.ts': 'chromiumPrintArgs findChromiumBinary',
      'electron/report/packagedChromium.ts': 'packagedChromiumSupported',
      'electron/shortlist/candidateQuery.ts': 'foldForSort',
      'electron/shortlist/personProfile.ts': 'arrestTimeline',
      'electron/workspace/nativeBinding.ts': 'electronBindingRelativePath',
      'electron/workspace/sqliteConnection.ts': 'openSqliteDatabaseFor',
      'electron/workspace/workspaceHandlers.ts': 'workspaceStatus',
      'electron/workspace/workspaceSummary.ts': 'countFlags',
      'shared/analysis/arrestTrend.ts': 'exponentialSmoothing',
      'shared/analysis/calibration.ts': 'monthsBetween',
      'shared/analysis/classification.ts': 'ClassificationRuleSchema explainClassification',
      'shared/analysis/concentration.ts': 'concentrationFromCounts',
      'shared/analysis/costsOfCrime.ts': 'weightedUnitCost',
      'shared/analysis/equalities.ts': 'ageBandFromYmd',
      'shared/analysis/statutoryProjection.ts': 'checkStatutoryShare',
      'shared/domain/analysisModel.ts': 'emptyTypeCounts',
      'shared/domain/chartCsv.ts': 'csvCell',
      'shared/domain/pnc.ts': 'computePncCheckLetter',
      'shared/domain/spreadsheetText.ts': 'csvField isFormulaLike',
      'shared/import/columnContent.ts': 'columnContentOf',
      'shared/import/headerRecognition.ts': 'flagOfField looksLikeCountHeader recogniseHeader recogniseHeaders requiredFieldsFor',
      'shared/import/importRowInterpretation.ts': 'interpretRow parseStatutory',
      'shared/intake/intakePlan.ts': 'intakeOrder',
      'shared/links/linkEvidence.ts': 'spellingDifference',
      'shared/links/recordLinkage.ts': 'SurnameClosenessCache matchWeight probabilityFromScore swappedDob',
      'shared/maintenance/purgeMatching.ts': 'pncNumbersIn',
      'shared/report/cohortReportHtml.ts': 'reportCss',
      'shared/shortlist/crimeHarmWeights.ts': 'harmWeightRow',
      'shared/shortlist/selectionRules.ts': 'resolveCapacity',
    },
  ],
  [
    OWN_VALUE,
    {
      'electron/analysis/modelSnapshot.ts': 'SNAPSHOT_FORMAT',
      'electron/background/runBackgroundTask.ts': 'BACKGROUND_WORKER_FILE',
      'electron/devBridge/bridgeServer.ts': 'BRIDGE_TOKEN_HEADER',
      'electron/import/readers/limits.ts': 'DEFAULT_READER_LIMITS',
      'electron/import/startImportJob.ts': 'IMPORT_WORKER_LIMITS',
      'electron/intake/intakePlanService.ts': 'INTAKE_PARAMS_SETTING',
      'electron/logFile.ts': 'LOG_FILE_NAME',
      'electron/security/chosenFiles.ts': 'FILE_TOKEN_LIFETIME_MS',
      'electron/security/contentSecurityPolicy.ts': 'CONTENT_SECURITY_POLICY',
      'electron/workspace/auditLog.ts': 'GENESIS_HASH',
      'electron/workspace/demoMaker.ts': 'DEMO_WORKER_FILE',
      'shared/analysis/calibration.ts': 'Z_95',
      'shared/analysis/costsOfCrime.ts': 'HOME_OFFICE_SOURCE',
      'shared/analysis/projection.ts': 'SEED_REDUCTION_RATES SEED_BOROUGH_OFFENCES_PER_YEAR SEED_IMPLIED_REDUCTION_RATE SEED_STATUTORY_SCENARIO SEED_TABLE_SCENARIO',
      'shared/api/chosenFile.ts': 'FILE_TOKEN_PATTERN',
      'shared/domain/pnc.ts': 'DEFAULT_THIS_YEAR PNC_CHECK_LETTERS',
      'shared/import/columnRecognition.ts': 'CONTENT_CONFIDENCE',
      'shared/import/importFields.ts': 'BLANK_CODE MAX_NAME_CHARS',
      'shared/import/placeholderDates.ts': 'PLACEHOLDER_DATES_OF_BIRTH',
      'shared/links/recordLinkage.ts': 'COMPARISON_LEVELS DEFAULT_PRIOR_LOG_ODDS',
      'shared/shortlist/crimeHarmWeights.ts': 'UNPUBLISHED_TYPE_STAND_IN',
      'shared/shortlist/selectionRules.ts': 'AVERAGE_DAYS_PER_MONTH',
    },
  ],
  [
    OWN_TYPE,
    {
      'electron/devBridge/bridgeServer.ts': 'RunningBridge',
      'electron/import/importEngine.ts': 'ImportControl',
      'electron/import/readers/readCsv.ts': 'CsvReadOptions',
      'shared/analysis/calibration.ts': 'CalibrationOptions',
      'shared/analysis/equalities.ts': 'AgeBand',
      'shared/import/valueParsing.ts': 'Parsed',
      'shared/tracking/outcomeTracking.ts': 'TrackingInput',
    },
  ],
  [DEMO, { 'shared/workspace/syntheticCohort.ts': 'ACCENTED_PERSON ALL_OFFENCE_WORDINGS BUSINESS_ROBBERY_WORDING DRUG_OFFENCE_WORDINGS FORMULA_INJECTION_SURNAME ListRowVariation RESIDENTIAL_BURGLARY_WORDINGS ROBBERY_WORDINGS SEED_SHAPE SYNTHETIC_FEMALE_FORENAMES SYNTHETIC_MALE_FORENAMES SYNTHETIC_SURNAMES SyntheticCandidate SyntheticCohortOptions SyntheticListRow SyntheticPnc firstForename formatDmy makeSyntheticPnc' }],
  ['the workbook library as the reader loads it, which tests use to write hostile files', { 'electron/import/readers/readWorkbook.ts': 'CFB' }],
  ['a test seam: reads the logger\'s private state, so it cannot live outside its module', { 'electron/logging.ts': 'logFileLocation' }],
  ['the demo workspace\'s maker (the demo worker runs it), which tests call to build the same demo', { 'electron/workspace/demoWorkspace.ts': 'buildDemoWorkspace demoFiles' }],
  ['the core the app\'s indexed calibration runs, which tests drive from a plain list (test/support/plainCalibration.ts)', { 'shared/analysis/calibration.ts': 'calibrateCore' }],
  ['an arrest as an object, the shape tests and benchmarks write their data in (the app holds arrests as columns; test/support/arrestIndex.ts turns one into the other)', { 'shared/domain/analysisModel.ts': 'AnalysisArrest' }],
  ['the blocking keys as rules, which the person registry\'s coded keys (electron/import/blockingKeys.ts) and test/support/linkReference.ts are checked against', { 'shared/links/recordLinkage.ts': 'indexKeys queryKeys' }],
].flatMap(([reason, files]) => Object.entries(files).map(([file, names]) => ({ file, names: names.split(' '), reason })));

const args = new Set(process.argv.slice(2).filter((arg) => !arg.startsWith('--root=')));
for (const arg of args) if (!['--json', '--fix-local'].includes(arg)) throw new Error(`unknown option ${arg} (--json, --fix-local, --root=DIR)`);
// --root=DIR runs on another tree with its own tsconfig.json (the script's own test makes one).
const rootArg = process.argv.slice(2).find((arg) => arg.startsWith('--root='));
const root = rootArg ? resolve(rootArg.slice('--root='.length)) : join(dirname(fileURLToPath(import.meta.url)), '..');

const posix = (file) => relative(root, file).split(sep).join('/');
// Allow-lists match by the file's name, not its folder, so moving a module between folders keeps its entries.
const fileName = (file) => file.slice(file.lastIndexOf('/') + 1);
const isTest = (file) => /^(test|bench)\//.test(file);

function listExports() {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const checker = program.getTypeChecker();
  const ownFiles = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !relative(root, f.fileName).startsWith('..') && !f.fileName.includes(`${sep}node_modules${sep}`));
  const original = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);

  /** Every export of the project's own modules, keyed by the symbol it finally names. */
  const exported = new Map();
  for (const file of ownFiles) {
    const moduleSymbol = checker.getSymbolAtLocation(file);
    if (!moduleSymbol) continue;
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target = original(symbol);
      const declaration = target.declarations?.[0];
      if (!declaration || declaration.getSourceFile() !== file) continue; // a re-export: listed under its own file
      exported.set(target, { file: posix(file.fileName), name: symbol.name, importers: new Set(), localUses: 0, valueUses: 0, reexports: [], isValue: (target.flags & VALUE_FLAGS) !== 0 });
    }
  }

  /** Whether a name is read as a type (`typeof x`, `x.Y` in a type), not as a value at run time. */
  function inTypePosition(node) {
    for (let n = node.parent; n && !ts.isStatement(n) && !ts.isSourceFile(n); n = n.parent) {
      if (ts.isExpressionWithTypeArguments(n) && ts.isHeritageClause(n.parent) && n.parent.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(n.parent.parent)) return false;
      if (ts.isTypeNode(n)) return true;
    }
    return false;
  }

  function markModule(specifier, importer) {
    const moduleSymbol = checker.getSymbolAtLocation(specifier);
    if (!moduleSymbol) return;
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) exported.get(original(symbol))?.importers.add(importer);
  }

  for (const file of ownFiles) {
    const importer = posix(file.fileName);
    const visit = (node) => {
      if (ts.isImportSpecifier(node) || ts.isImportClause(node)) {
        const name = node.name;
        const symbol = name && checker.getSymbolAtLocation(name);
        if (symbol) exported.get(original(symbol))?.importers.add(importer);
      } else if (ts.isNamespaceImport(node)) {
        markModule(node.parent.parent.moduleSpecifier, importer);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
        markModule(node.arguments[0], importer); // import('…'): whatever it loads may be used
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
        markModule(node.argument.literal, importer);
      } else if (ts.isExportSpecifier(node) && node.parent.parent.moduleSpecifier) {
        // `export { a } from './x'` passes `a` on without using it: whoever imports it through here
        // counts as its importer, and --fix-local takes it off this list along with its own `export`.
        const symbol = checker.getExportSpecifierLocalTargetSymbol(node);
        exported.get(symbol && original(symbol))?.reexports.push({ file: importer, name: node.name.text });
      } else if (ts.isIdentifier(node) && !ts.isImportSpecifier(node.parent) && !ts.isExportSpecifier(node.parent)) {
        const symbol = checker.getSymbolAtLocation(node);
        const entry = symbol && exported.get(original(symbol));
        if (entry && entry.file === importer && node.parent && ts.getNameOfDeclaration(node.parent) !== node) {
          entry.localUses++;
          if (!inTypePosition(node)) entry.valueUses++;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  const testAllowance = new Map();
  for (const { file, names, reason } of TEST_IMPORTS_ALLOWED) for (const name of names) testAllowance.set(`${fileName(file)}: ${name}`, reason);
  const allowanceUsed = new Set();

  const entries = existsSync(join(root, 'scripts/build.mjs')) ? buildEntries() : new Set();
  const groups = { unused: [], localOnly: [], testOnly: [] };
  for (const entry of exported.values()) {
    const importers = [...entry.importers].filter((f) => f !== entry.file);
    const key = `${entry.file}: ${entry.name}`;
    const readOnlyAsType = entry.localUses > 0 && entry.valueUses === 0 && entry.isValue;
    const kept = MUST_STAY_EXPORTED.get(`${fileName(entry.file)}: ${entry.name}`) ?? (entries.has(entry.file) ? BUILD_ENTRY_REASON : undefined);
    const reason = kept ?? (readOnlyAsType ? VALUE_READ_ONLY_AS_TYPE : null);
    if (importers.length === 0) {
      (entry.localUses > 0 ? groups.localOnly : groups.unused).push({ key, file: entry.file, name: entry.name, reexports: entry.reexports, reason });
      if (kept) allowanceUsed.add(`${fileName(entry.file)}: ${entry.name}`);
    } else if (!isTest(entry.file) && importers.every(isTest)) {
      groups.testOnly.push({ key, file: entry.file, name: entry.name, importers: importers.sort(), localUses: entry.localUses, reason: testAllowance.get(`${fileName(entry.file)}: ${entry.name}`) ?? null });
      allowanceUsed.add(`${fileName(entry.file)}: ${entry.name}`);
    }
  }
  for (const group of Object.values(groups)) group.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const stale = [...MUST_STAY_EXPORTED.keys(), ...testAllowance.keys()].filter((key) => !allowanceUsed.has(key)).sort();
  return { groups, stale };
}

/** The text edits that drop `export` from the given names of one file; names it cannot drop, with why. */
function localExportEdits(sourceFile, names) {
  const edits = [];
  const skipped = [];
  const dropped = new Set();
  let exportsLeft = 0;
  let hasImport = false;
  const exportKeyword = (node) => ts.canHaveModifiers(node) ? ts.getModifiers(node)?.find((m) => m.kind === ts.SyntaxKind.ExportKeyword) : undefined;
  const isDefault = (node) => ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  const dropKeyword = (keyword) => {
    // `export` and the blanks after it, so `export const a` becomes `const a`
    let end = keyword.end;
    while (/[ \t]/.test(sourceFile.text[end])) end++;
    edits.push({ start: keyword.getStart(sourceFile), end, text: '' });
  };

  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) hasImport = true;
    if (ts.isExportDeclaration(statement)) {
      if (!statement.exportClause || !ts.isNamedExports(statement.exportClause)) { exportsLeft++; continue; }
      const specifiers = statement.exportClause.elements;
      const kept = specifiers.filter((s) => !names.has(s.name.text));
      if (kept.length === specifiers.length) { exportsLeft++; continue; }
      for (const s of specifiers) if (names.has(s.name.text)) dropped.add(s.name.text);
      if (kept.length > 0) {
        exportsLeft++;
        const list = statement.exportClause;
        edits.push({ start: list.getStart(sourceFile), end: list.end, text: `{ ${kept.map((s) => s.getText(sourceFile)).join(', ')} }` });
      } else {
        let end = statement.end;
        if (sourceFile.text[end] === '\n') end++;
        edits.push({ start: statement.getStart(sourceFile), end, text: '' });
      }
      continue;
    }
    if (ts.isExportAssignment(statement)) { exportsLeft++; continue; }
    const keyword = exportKeyword(statement);
    if (!keyword) continue;
    const declared = ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : [null]))
      : [statement.name && ts.isIdentifier(statement.name) ? statement.name.text : null];
    const wanted = declared.filter((name) => name !== null && names.has(name));
    if (wanted.length === 0) { exportsLeft++; continue; }
    if (isDefault(statement)) { exportsLeft++; skipped.push(...wanted.map((name) => `${name}: a default export (drop it by hand)`)); continue; }
    if (wanted.length < declared.length) {
      // `export const a = 1, b = 2` with only `a` listed: one keyword exports both.
      exportsLeft++;
      skipped.push(...wanted.map((name) => `${name}: shares its \`export\` with ${declared.filter((d) => !wanted.includes(d)).join(', ') || 'a destructuring'}`));
      continue;
    }
    for (const name of wanted) dropped.add(name);
    dropKeyword(keyword);
  }
  for (const name of names) if (!dropped.has(name) && !skipped.some((s) => s.startsWith(`${name}:`))) skipped.push(`${name}: no \`export\` found for it in this file`);
  // A file left with no import or export would become a global script, its names clashing with others'.
  if (edits.length > 0 && exportsLeft === 0 && !hasImport) edits.push({ start: sourceFile.text.length, end: sourceFile.text.length, text: `${sourceFile.text.endsWith('\n') ? '' : '\n'}export {};\n` });
  return { edits, dropped: [...dropped], skipped };
}

function applyEdits(text, edits) {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

function fixLocal(localOnly) {
  const byFile = new Map();
  const drop = (file, name) => {
    if (!byFile.has(file)) byFile.set(file, new Set());
    byFile.get(file).add(name);
  };
  for (const entry of localOnly) {
    if (entry.reason !== null) continue;
    drop(entry.file, entry.name);
    for (const reexport of entry.reexports) drop(reexport.file, reexport.name);
  }
  let droppedCount = 0;
  const skipped = [];
  for (const [file, names] of [...byFile].sort()) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const { edits, dropped, skipped: notDropped } = localExportEdits(sourceFile, names);
    if (edits.length > 0) writeFileSync(path, applyEdits(text, edits));
    droppedCount += dropped.length;
    skipped.push(...notDropped.map((line) => `${file}: ${line}`));
  }
  console.log(`--fix-local: dropped \`export\` from ${droppedCount} names in ${byFile.size} files.`);
  if (skipped.length > 0) {
    console.log(`Left for a hand edit (${skipped.length}):`);
    for (const line of skipped) console.log(`  ${line}`);
  }
  return skipped.length;
}

const { groups, stale } = listExports();
if (args.has('--fix-local')) {
  process.exitCode = fixLocal(groups.localOnly) > 0 ? 1 : 0;
} else if (args.has('--json')) {
  console.log(JSON.stringify({ groups, stale }, null, 2));
} else {
  const titles = { unused: 'Exported, used nowhere', localOnly: 'Exported, used only in its own file', testOnly: 'Exported, imported only by tests or benchmarks' };
  for (const [group, title] of Object.entries(titles)) {
    const unexplained = groups[group].filter((e) => e.reason === null);
    const allowed = groups[group].filter((e) => e.reason !== null);
    console.log(`## ${title} (${unexplained.length}${allowed.length > 0 ? `, and ${allowed.length} allow-listed` : ''})`);
    const passedOn = (e) => (e.reexports?.length ? `  (passed on unused by ${e.reexports.map((r) => r.file).join(', ')})` : '');
    for (const e of unexplained) console.log(e.importers ? `${e.key}  (${e.importers.join(', ')})` : `${e.key}${passedOn(e)}`);
    for (const e of allowed) console.log(`${e.key}  [allowed: ${e.reason}]`);
    console.log('');
  }
  if (stale.length > 0) console.log(`## Allow-listed but no longer listed (${stale.length}): take them out of scripts/unusedExports.mjs\n${stale.join('\n')}\n`);
}
