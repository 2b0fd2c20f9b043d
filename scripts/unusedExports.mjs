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
 * Product exports that only tests or benchmarks import, each kept with its reason. "unit-tested
 * directly": the product uses it in its own file and a test exercises it on its own. A test-only
 * helper the product never calls does not belong here: it moves to test/support/ or bench/.
 */
const UNIT = 'unit-tested directly';
const OWN_VALUE = 'the product\'s own value, which a test reads rather than copies';
const OWN_TYPE = 'a type its own file\'s code uses, which tests name';
const DEMO = 'the demo generator\'s data and helpers, which the test fixtures share so they match the demo';
const TEST_IMPORTS_ALLOWED = [
  { file: 'electron/import/codedXlsxRows.ts', names: ['XlsxArrestRowCoder'], reason: UNIT },
  { file: 'electron/import/readers/zipGuard.ts', names: ['crc32', 'crc32Fallback'], reason: UNIT },
  { file: 'shared/import/importFields.ts', names: ['BLANK_CODE', 'MAX_NAME_CHARS'], reason: OWN_VALUE },
  { file: 'shared/import/importRowInterpretation.ts', names: ['interpretRow'], reason: UNIT },
  { file: 'shared/analysis/projection.ts', names: ['SEED_REDUCTION_RATES'], reason: OWN_VALUE },
  { file: 'electron/exports/agencySheets/agencySheetExport.ts', names: ['unpackSheetRows'], reason: UNIT },
  { file: 'electron/analysis/analysisModelLoader.ts', names: ['classificationOverrides', 'classificationRules'], reason: UNIT },
  { file: 'electron/shortlist/candidateQuery.ts', names: ['foldForSort'], reason: UNIT },
  { file: 'electron/analysis/modelSnapshot.ts', names: ['SNAPSHOT_FORMAT'], reason: OWN_VALUE },
  { file: 'electron/shortlist/personProfile.ts', names: ['arrestTimeline'], reason: UNIT },
  { file: 'electron/background/runBackgroundTask.ts', names: ['BACKGROUND_WORKER_FILE'], reason: OWN_VALUE },
  { file: 'electron/devBridge/bridgeServer.ts', names: ['BRIDGE_TOKEN_HEADER'], reason: OWN_VALUE },
  { file: 'electron/devBridge/bridgeServer.ts', names: ['RunningBridge'], reason: OWN_TYPE },
  { file: 'electron/workspace/workspaceHandlers.ts', names: ['workspaceStatus'], reason: UNIT },
  { file: 'electron/import/codedCsvRows.ts', names: ['readingWorkerScript'], reason: UNIT },
  { file: 'electron/import/importEngine.ts', names: ['ImportControl'], reason: OWN_TYPE },
  { file: 'electron/import/readers/limits.ts', names: ['DEFAULT_READER_LIMITS'], reason: OWN_VALUE },
  { file: 'electron/import/readers/readCsv.ts', names: ['CsvReadOptions'], reason: OWN_TYPE },
  { file: 'electron/import/readers/readCsv.ts', names: ['CsvRecordParser'], reason: UNIT },
  { file: 'electron/import/readers/readWorkbook.ts', names: ['CFB'], reason: 'the workbook library as the reader loads it, which tests use to write hostile files' },
  { file: 'electron/import/sheetChoice.ts', names: ['chooseAmong'], reason: UNIT },
  { file: 'electron/import/startImportJob.ts', names: ['IMPORT_WORKER_LIMITS'], reason: OWN_VALUE },
  { file: 'electron/import/startImportJob.ts', names: ['workerFailure'], reason: UNIT },
  { file: 'electron/intake/intakePlanService.ts', names: ['INTAKE_PARAMS_SETTING'], reason: OWN_VALUE },
  { file: 'electron/logFile.ts', names: ['LOG_FILE_NAME'], reason: OWN_VALUE },
  { file: 'electron/logFile.ts', names: ['createRotatingFileSink'], reason: UNIT },
  { file: 'electron/logging.ts', names: ['logFileLocation'], reason: 'a test seam: reads the logger\'s private state, so it cannot live outside its module' },
  { file: 'electron/report/headlessChromium.ts', names: ['chromiumPrintArgs', 'findChromiumBinary'], reason: UNIT },
  { file: 'electron/report/packagedChromium.ts', names: ['packagedChromiumSupported'], reason: UNIT },
  { file: 'electron/maintenance/retentionRules.ts', names: ['readRetentionPolicy'], reason: UNIT },
  { file: 'electron/security/chosenFiles.ts', names: ['FILE_TOKEN_LIFETIME_MS'], reason: OWN_VALUE },
  { file: 'electron/security/contentSecurityPolicy.ts', names: ['CONTENT_SECURITY_POLICY'], reason: OWN_VALUE },
  { file: 'electron/workspace/demoMaker.ts', names: ['DEMO_WORKER_FILE'], reason: OWN_VALUE },
  { file: 'electron/workspace/demoWorkspace.ts', names: ['buildDemoWorkspace', 'demoFiles'], reason: 'the demo workspace\'s maker (the demo worker runs it), which tests call to build the same demo' },
  { file: 'electron/workspace/workspaceSummary.ts', names: ['countFlags'], reason: UNIT },
  { file: 'electron/workspace/auditLog.ts', names: ['GENESIS_HASH'], reason: OWN_VALUE },
  { file: 'electron/workspace/nativeBinding.ts', names: ['electronBindingRelativePath'], reason: UNIT },
  { file: 'electron/workspace/sqliteConnection.ts', names: ['openSqliteDatabaseFor'], reason: UNIT },
  { file: 'shared/api/chosenFile.ts', names: ['FILE_TOKEN_PATTERN'], reason: OWN_VALUE },
  { file: 'shared/analysis/arrestTrend.ts', names: ['exponentialSmoothing'], reason: UNIT },
  { file: 'shared/analysis/calibration.ts', names: ['Z_95'], reason: OWN_VALUE },
  { file: 'shared/analysis/calibration.ts', names: ['CalibrationOptions'], reason: OWN_TYPE },
  { file: 'shared/analysis/calibration.ts', names: ['monthsBetween'], reason: UNIT },
  { file: 'shared/analysis/calibration.ts', names: ['calibrateCore'], reason: 'the core the app\'s indexed calibration runs, which tests drive from a plain list (test/support/plainCalibration.ts)' },
  { file: 'shared/domain/chartCsv.ts', names: ['csvCell'], reason: UNIT },
  { file: 'shared/analysis/classification.ts', names: ['ClassificationRuleSchema', 'explainClassification'], reason: UNIT },
  { file: 'shared/import/columnContent.ts', names: ['columnContentOf'], reason: UNIT },
  { file: 'shared/import/columnRecognition.ts', names: ['CONTENT_CONFIDENCE'], reason: OWN_VALUE },
  { file: 'shared/analysis/concentration.ts', names: ['concentrationFromCounts'], reason: UNIT },
  { file: 'shared/analysis/costsOfCrime.ts', names: ['HOME_OFFICE_SOURCE'], reason: OWN_VALUE },
  { file: 'shared/analysis/costsOfCrime.ts', names: ['weightedUnitCost'], reason: UNIT },
  { file: 'shared/shortlist/crimeHarmWeights.ts', names: ['UNPUBLISHED_TYPE_STAND_IN'], reason: OWN_VALUE },
  { file: 'shared/shortlist/crimeHarmWeights.ts', names: ['harmWeightRow'], reason: UNIT },
  { file: 'shared/domain/analysisModel.ts', names: ['emptyTypeCounts'], reason: UNIT },
  { file: 'shared/domain/analysisModel.ts', names: ['AnalysisArrest'], reason: 'an arrest as an object, the shape tests and benchmarks write their data in (the app holds arrests as columns; test/support/arrestIndex.ts turns one into the other)' },
  { file: 'shared/analysis/equalities.ts', names: ['ageBandFromYmd'], reason: UNIT },
  { file: 'shared/analysis/equalities.ts', names: ['AgeBand'], reason: OWN_TYPE },
  { file: 'shared/import/headerRecognition.ts', names: ['flagOfField', 'looksLikeCountHeader', 'recogniseHeader', 'recogniseHeaders', 'requiredFieldsFor'], reason: UNIT },
  { file: 'shared/import/importRowInterpretation.ts', names: ['parseStatutory'], reason: UNIT },
  { file: 'shared/intake/intakePlan.ts', names: ['intakeOrder'], reason: UNIT },
  { file: 'shared/links/linkEvidence.ts', names: ['spellingDifference'], reason: UNIT },
  { file: 'shared/import/placeholderDates.ts', names: ['PLACEHOLDER_DATES_OF_BIRTH'], reason: OWN_VALUE },
  { file: 'shared/domain/pnc.ts', names: ['DEFAULT_THIS_YEAR', 'PNC_CHECK_LETTERS'], reason: OWN_VALUE },
  { file: 'shared/domain/pnc.ts', names: ['computePncCheckLetter'], reason: UNIT },
  { file: 'shared/analysis/projection.ts', names: ['SEED_BOROUGH_OFFENCES_PER_YEAR', 'SEED_IMPLIED_REDUCTION_RATE', 'SEED_STATUTORY_SCENARIO', 'SEED_TABLE_SCENARIO'], reason: OWN_VALUE },
  { file: 'shared/maintenance/purgeMatching.ts', names: ['pncNumbersIn'], reason: UNIT },
  { file: 'shared/links/recordLinkage.ts', names: ['COMPARISON_LEVELS', 'DEFAULT_PRIOR_LOG_ODDS'], reason: OWN_VALUE },
  { file: 'shared/links/recordLinkage.ts', names: ['SurnameClosenessCache', 'matchWeight', 'probabilityFromScore', 'swappedDob'], reason: UNIT },
  { file: 'shared/links/recordLinkage.ts', names: ['indexKeys', 'queryKeys'], reason: 'the blocking keys as rules, which the person registry\'s coded keys (electron/import/blockingKeys.ts) and test/support/linkReference.ts are checked against' },
  { file: 'shared/report/cohortReportHtml.ts', names: ['reportCss'], reason: UNIT },
  { file: 'shared/shortlist/selectionRules.ts', names: ['AVERAGE_DAYS_PER_MONTH'], reason: OWN_VALUE },
  { file: 'shared/shortlist/selectionRules.ts', names: ['resolveCapacity'], reason: UNIT },
  { file: 'shared/domain/spreadsheetText.ts', names: ['csvField', 'isFormulaLike'], reason: UNIT },
  { file: 'shared/analysis/statutoryProjection.ts', names: ['checkStatutoryShare'], reason: UNIT },
  {
    file: 'shared/workspace/syntheticCohort.ts',
    names: ['ACCENTED_PERSON', 'ALL_OFFENCE_WORDINGS', 'BUSINESS_ROBBERY_WORDING', 'DRUG_OFFENCE_WORDINGS', 'FORMULA_INJECTION_SURNAME', 'ListRowVariation', 'RESIDENTIAL_BURGLARY_WORDINGS', 'ROBBERY_WORDINGS', 'SEED_SHAPE', 'SYNTHETIC_FEMALE_FORENAMES', 'SYNTHETIC_MALE_FORENAMES', 'SYNTHETIC_SURNAMES', 'SyntheticCandidate', 'SyntheticCohortOptions', 'SyntheticListRow', 'SyntheticPnc', 'firstForename', 'formatDmy', 'makeSyntheticPnc'],
    reason: DEMO,
  },
  { file: 'shared/tracking/outcomeTracking.ts', names: ['TrackingInput'], reason: OWN_TYPE },
  { file: 'shared/import/valueParsing.ts', names: ['Parsed'], reason: OWN_TYPE },
];

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
