#!/usr/bin/env node
// Issue 19 point 3: `shared/` and `electron/` grouped by the contract's groups, each group's contract
// file beside its domain code and its handler file beside its services. A script rather than a hand
// move so it can be rerun on a tree other people changed meanwhile:
//
//   node scripts/restructure/featureFolders.mjs --dry-run   # the plan only, nothing changes
//   node scripts/restructure/featureFolders.mjs             # git mv + rewrite every reference
//
// It first re-points imports of declarations that moved between modules (exportMoves.mjs), then
// `git mv`s each file of the mapping below and rewrites every reference to a moved file anywhere in
// the repo: relative specifiers (import/export, import(), vi.mock(), require(), import types, any
// relative path string), and repo-root paths in configs, lint rule lists, tests and docs. A file the
// mapping names that no longer exists is reported and skipped; a new file in a folder being sorted is
// placed by the group rule when its name says its group, and otherwise stops the run before anything
// changes. It ends with what moved and the file counts per folder before and after.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyExportMoves } from './exportMoves.mjs';
import { applyEdits, foldersOf, isCodeFile, resolveRelative, specifierFor, stringLiterals, stripCodeExtension, trackedFiles } from './moduleRefs.mjs';

// ---------------------------------------------------------------------------------------------
// The mapping (paths before → after)
// ---------------------------------------------------------------------------------------------

/** Whole folders that move: every file in them, including files added after this was written. */
export const FOLDER_MOVES = {
  'electron/retention': 'electron/maintenance',
  'electron/export': 'electron/exports',
  'electron/agencySheets': 'electron/exports/agencySheets',
};

/** Single files that move. */
export const FILE_MOVES = {
  // shared/: one folder per contract group, the group's contract file beside its domain modules.
  'shared/api/workspaceCalls.ts': 'shared/workspace/workspaceCalls.ts',
  'shared/passphrasePolicy.ts': 'shared/workspace/passphrasePolicy.ts',
  'shared/syntheticCohort.ts': 'shared/workspace/syntheticCohort.ts',

  'shared/api/importCalls.ts': 'shared/import/importCalls.ts',
  'shared/columnContent.ts': 'shared/import/columnContent.ts',
  'shared/columnRecognition.ts': 'shared/import/columnRecognition.ts',
  'shared/fieldLabels.ts': 'shared/import/fieldLabels.ts',
  'shared/headerRecognition.ts': 'shared/import/headerRecognition.ts',
  'shared/importRemoval.ts': 'shared/import/importRemoval.ts',
  'shared/importRowAccount.ts': 'shared/import/importRowAccount.ts',
  'shared/importRowInterpretation.ts': 'shared/import/importRowInterpretation.ts',
  // Added by the one-import-pipeline work of session 9 (issue 19 point 5).
  'shared/importFields.ts': 'shared/import/importFields.ts',
  'shared/textTable.ts': 'shared/import/textTable.ts',
  'shared/placeholderDates.ts': 'shared/import/placeholderDates.ts',
  'shared/unmappedColumns.ts': 'shared/import/unmappedColumns.ts',
  'shared/valueParsing.ts': 'shared/import/valueParsing.ts',

  'shared/api/jobCalls.ts': 'shared/jobs/jobCalls.ts',

  'shared/api/linkCalls.ts': 'shared/links/linkCalls.ts',
  'shared/linkEvidence.ts': 'shared/links/linkEvidence.ts',
  'shared/recordLinkage.ts': 'shared/links/recordLinkage.ts',

  // analysis with its close groups: classification, scenarios, settings (calibration and the trend
  // are calls of the analysis group itself).
  'shared/api/analysisCalls.ts': 'shared/analysis/analysisCalls.ts',
  'shared/api/classificationCalls.ts': 'shared/analysis/classificationCalls.ts',
  'shared/api/scenarioCalls.ts': 'shared/analysis/scenarioCalls.ts',
  'shared/api/settingsCalls.ts': 'shared/analysis/settingsCalls.ts',
  'shared/arrestTrend.ts': 'shared/analysis/arrestTrend.ts',
  'shared/calibration.ts': 'shared/analysis/calibration.ts',
  'shared/classification.ts': 'shared/analysis/classification.ts',
  'shared/concentration.ts': 'shared/analysis/concentration.ts',
  'shared/costsOfCrime.ts': 'shared/analysis/costsOfCrime.ts',
  'shared/equalities.ts': 'shared/analysis/equalities.ts',
  'shared/ethnicityGroups.ts': 'shared/analysis/ethnicityGroups.ts',
  'shared/projection.ts': 'shared/analysis/projection.ts',
  'shared/statutoryGroups.ts': 'shared/analysis/statutoryGroups.ts',
  'shared/statutoryProjection.ts': 'shared/analysis/statutoryProjection.ts',
  'shared/unitCostSettings.ts': 'shared/analysis/unitCostSettings.ts',

  // shortlist with its close groups: candidates (the explorer and its filter) and person.
  'shared/api/shortlistViewCalls.ts': 'shared/shortlist/shortlistCalls.ts',
  'shared/api/candidateCalls.ts': 'shared/shortlist/candidateCalls.ts',
  'shared/api/personCalls.ts': 'shared/shortlist/personCalls.ts',
  'shared/selectionRules.ts': 'shared/shortlist/selectionRules.ts',
  'shared/crimeHarmWeights.ts': 'shared/shortlist/crimeHarmWeights.ts',
  'shared/newEntrantCapacity.ts': 'shared/shortlist/newEntrantCapacity.ts',
  'shared/filterModel.ts': 'shared/shortlist/filterModel.ts',

  'shared/api/panelCalls.ts': 'shared/panel/panelCalls.ts',
  'shared/panelDecisions.ts': 'shared/panel/panelDecisions.ts',

  'shared/api/intakeCalls.ts': 'shared/intake/intakeCalls.ts',
  'shared/intakePlan.ts': 'shared/intake/intakePlan.ts',

  'shared/api/exportCalls.ts': 'shared/exports/exportCalls.ts',
  'shared/api/agencySheetCalls.ts': 'shared/exports/agencySheetCalls.ts',
  'shared/api/exportDelivery.ts': 'shared/exports/exportDelivery.ts',
  'shared/agencySheets.ts': 'shared/exports/agencySheets.ts',
  'shared/shortlistExport.ts': 'shared/exports/shortlistExport.ts',

  'shared/api/reportCalls.ts': 'shared/report/reportCalls.ts',

  'shared/api/auditCalls.ts': 'shared/audit/auditCalls.ts',
  'shared/auditTrail.ts': 'shared/audit/auditTrail.ts',

  'shared/api/maintenanceCalls.ts': 'shared/maintenance/maintenanceCalls.ts',
  'shared/purgeMatching.ts': 'shared/maintenance/purgeMatching.ts',

  'shared/api/trackingCalls.ts': 'shared/tracking/trackingCalls.ts',
  'shared/caseloadExits.ts': 'shared/tracking/caseloadExits.ts',

  // Cross-cutting pure helpers every group uses.
  'shared/chartCsv.ts': 'shared/domain/chartCsv.ts',
  'shared/dateDisplay.ts': 'shared/domain/dateDisplay.ts',
  'shared/errorMessage.ts': 'shared/domain/errorMessage.ts',
  'shared/numberFormat.ts': 'shared/domain/numberFormat.ts',
  'shared/pnc.ts': 'shared/domain/pnc.ts',
  'shared/seededRandom.ts': 'shared/domain/seededRandom.ts',
  'shared/spreadsheetText.ts': 'shared/domain/spreadsheetText.ts',

  // electron/: each group's handler file beside its services; electron/handlers keeps the registry.
  'electron/handlers/workspaceHandlers.ts': 'electron/workspace/workspaceHandlers.ts',
  'electron/services/workspaceAccess.ts': 'electron/workspace/workspaceAccess.ts',
  'electron/services/workspaceSummary.ts': 'electron/workspace/workspaceSummary.ts',
  'electron/services/demoMaker.ts': 'electron/workspace/demoMaker.ts',
  'electron/services/demoWorkspace.ts': 'electron/workspace/demoWorkspace.ts',

  'electron/handlers/importHandlers.ts': 'electron/import/importHandlers.ts',

  'electron/handlers/linkHandlers.ts': 'electron/links/linkHandlers.ts',
  'electron/import/linkReviews.ts': 'electron/links/linkReviews.ts',
  'electron/import/linkDecisionUndo.ts': 'electron/links/linkDecisionUndo.ts',
  'electron/import/duplicatePncReport.ts': 'electron/links/duplicatePncReport.ts',

  'electron/handlers/jobHandlers.ts': 'electron/jobs/jobHandlers.ts',
  'electron/services/jobRegistry.ts': 'electron/jobs/jobRegistry.ts',

  'electron/handlers/analysisHandlers.ts': 'electron/analysis/analysisHandlers.ts',
  'electron/handlers/classificationHandlers.ts': 'electron/analysis/classificationHandlers.ts',

  // Settings and scenarios out of electron/analysis: one table group, one folder.
  'electron/handlers/settingsHandlers.ts': 'electron/settings/settingsHandlers.ts',
  'electron/handlers/scenarioHandlers.ts': 'electron/settings/scenarioHandlers.ts',
  'electron/analysis/settingsService.ts': 'electron/settings/settingsService.ts',
  'electron/analysis/workspaceSettings.ts': 'electron/settings/workspaceSettings.ts',
  'electron/analysis/scenarios.ts': 'electron/settings/scenarios.ts',
  'electron/analysis/scenarioUnitCosts.ts': 'electron/settings/scenarioUnitCosts.ts',

  'electron/handlers/shortlistHandlers.ts': 'electron/shortlist/shortlistHandlers.ts',
  'electron/handlers/candidateHandlers.ts': 'electron/shortlist/candidateHandlers.ts',
  'electron/handlers/personHandlers.ts': 'electron/shortlist/personHandlers.ts',
  'electron/analysis/shortlistView.ts': 'electron/shortlist/shortlistView.ts',
  'electron/analysis/candidateQuery.ts': 'electron/shortlist/candidateQuery.ts',
  'electron/analysis/personProfile.ts': 'electron/shortlist/personProfile.ts',

  'electron/handlers/panelHandlers.ts': 'electron/panel/panelHandlers.ts',
  'electron/handlers/intakeHandlers.ts': 'electron/intake/intakeHandlers.ts',
  'electron/handlers/maintenanceHandlers.ts': 'electron/maintenance/maintenanceHandlers.ts',
  'electron/handlers/exportHandlers.ts': 'electron/exports/exportHandlers.ts',
  'electron/handlers/agencySheetHandlers.ts': 'electron/exports/agencySheets/agencySheetHandlers.ts',
  'electron/handlers/reportHandlers.ts': 'electron/report/reportHandlers.ts',
  'electron/handlers/auditHandlers.ts': 'electron/audit/auditHandlers.ts',
  'electron/handlers/trackingHandlers.ts': 'electron/tracking/trackingHandlers.ts',

  // The host's file dialog answered as a file token: beside the tokens it grants.
  'electron/handlers/chooseFileToRead.ts': 'electron/security/chooseFileToRead.ts',

  // Plumbing every call runs on (electron/services held no services).
  'electron/services/appContext.ts': 'electron/runtime/appContext.ts',
  'electron/services/appSession.ts': 'electron/runtime/appSession.ts',
  'electron/services/dataFolder.ts': 'electron/runtime/dataFolder.ts',
  'electron/services/idleLock.ts': 'electron/runtime/idleLock.ts',
};

/** Folders whose every file must be placed: named above, kept below, or placed by the group rule. */
export const SORTED_FOLDERS = ['shared', 'shared/api', 'electron/handlers', 'electron/services'];

/** Files of those folders that stay: the contract's core and the handler registry. */
export const STAYS = [
  'shared/api/contract.ts',
  'shared/api/defineCall.ts',
  'shared/api/describeIssues.ts',
  'shared/api/preloadApi.ts',
  'shared/api/chosenFile.ts',
  'electron/handlers/index.ts',
  'electron/handlers/handlerTypes.ts',
];

/**
 * The group rule for files the mapping does not name: `shared/api/<x>Calls.ts` and
 * `electron/handlers/<x>Handlers.ts` go to the folders of group <x> (shared, electron).
 */
export const GROUP_FOLDERS = {
  workspace: ['shared/workspace', 'electron/workspace'],
  import: ['shared/import', 'electron/import'],
  link: ['shared/links', 'electron/links'],
  links: ['shared/links', 'electron/links'],
  job: ['shared/jobs', 'electron/jobs'],
  jobs: ['shared/jobs', 'electron/jobs'],
  analysis: ['shared/analysis', 'electron/analysis'],
  calibration: ['shared/analysis', 'electron/analysis'],
  trend: ['shared/analysis', 'electron/analysis'],
  attribution: ['shared/analysis', 'electron/analysis'],
  classification: ['shared/analysis', 'electron/analysis'],
  scenario: ['shared/analysis', 'electron/settings'],
  scenarios: ['shared/analysis', 'electron/settings'],
  settings: ['shared/analysis', 'electron/settings'],
  shortlist: ['shared/shortlist', 'electron/shortlist'],
  candidate: ['shared/shortlist', 'electron/shortlist'],
  candidates: ['shared/shortlist', 'electron/shortlist'],
  person: ['shared/shortlist', 'electron/shortlist'],
  panel: ['shared/panel', 'electron/panel'],
  intake: ['shared/intake', 'electron/intake'],
  maintenance: ['shared/maintenance', 'electron/maintenance'],
  export: ['shared/exports', 'electron/exports'],
  exports: ['shared/exports', 'electron/exports'],
  agencySheet: ['shared/exports', 'electron/exports/agencySheets'],
  report: ['shared/report', 'electron/report'],
  audit: ['shared/audit', 'electron/audit'],
  tracking: ['shared/tracking', 'electron/tracking'],
};

/**
 * Never rewritten: this script's own mapping and its test (their old paths are data), and generated
 * or vendored files.
 */
const NOT_REWRITTEN = [/^scripts\/restructure\//, /^test\/unit\/featureFoldersScript\.test\.ts$/, /^package-lock\.json$/, /^node_modules\//, /^dist\//];
const TEXT_EXTENSIONS = /\.(tsx?|mts|cts|mjs|cjs|jsx?|json|md|ya?ml|html|css|txt)$/;

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

function groupRuleTarget(file) {
  let m = /^shared\/api\/(\w+)Calls\.ts$/.exec(file);
  if (m && GROUP_FOLDERS[m[1]]) return `${GROUP_FOLDERS[m[1]][0]}/${m[1]}Calls.ts`;
  m = /^electron\/handlers\/(\w+)Handlers\.ts$/.exec(file);
  if (m && GROUP_FOLDERS[m[1]]) return `${GROUP_FOLDERS[m[1]][1]}/${m[1]}Handlers.ts`;
  return null;
}

/** Where each present file goes: { moves: Map<old, new>, placedByRule, missing, alreadyMoved, unknown }. */
export function planMoves(files) {
  const fileSet = new Set(files);
  const moves = new Map();
  const placedByRule = [];
  const missing = [];
  const alreadyMoved = [];
  for (const [from, to] of Object.entries(FILE_MOVES)) {
    if (fileSet.has(from)) moves.set(from, to);
    else if (fileSet.has(to)) alreadyMoved.push(from);
    else missing.push(from);
  }
  for (const [fromFolder, toFolder] of Object.entries(FOLDER_MOVES)) {
    const inside = files.filter((f) => f.startsWith(`${fromFolder}/`));
    if (inside.length === 0) (files.some((f) => f.startsWith(`${toFolder}/`)) ? alreadyMoved : missing).push(`${fromFolder}/`);
    for (const f of inside) if (!moves.has(f)) moves.set(f, toFolder + f.slice(fromFolder.length));
  }
  const unknown = [];
  for (const f of files) {
    const folder = posix.dirname(f);
    if (!SORTED_FOLDERS.includes(folder) || moves.has(f) || STAYS.includes(f)) continue;
    if (folder === 'shared' && !isCodeFile(f)) continue;
    const target = groupRuleTarget(f);
    if (target) {
      moves.set(f, target);
      placedByRule.push(`${f} → ${target}`);
    } else unknown.push(f);
  }
  // Two files onto one path, or onto a file that stays, would lose one of them.
  const collisions = [];
  const targets = new Map();
  for (const [from, to] of moves) {
    if (targets.has(to)) collisions.push(`${targets.get(to)} and ${from} both → ${to}`);
    targets.set(to, from);
    if (fileSet.has(to) && !moves.has(to)) collisions.push(`${from} → ${to}, which already exists`);
  }
  return { moves, placedByRule, missing, alreadyMoved, unknown, collisions };
}

// ---------------------------------------------------------------------------------------------
// Rewriting references
// ---------------------------------------------------------------------------------------------

function newPathOf(moves, path) {
  return moves.get(path) ?? path;
}

/** A moved folder's new path (a whole-folder move), or null when the folder itself does not move. */
function newFolderOf(folder) {
  for (const [from, to] of Object.entries(FOLDER_MOVES)) if (folder === from || folder.startsWith(`${from}/`)) return to + folder.slice(from.length);
  return null;
}

/** Relative path strings of one code file, rewritten for where it and its targets now live. */
export function rewriteRelativeRefs(file, text, moves, fileSet, folderSet, vanishedFolders) {
  const newFile = newPathOf(moves, file);
  const edits = [];
  const dangling = [];
  for (const lit of stringLiterals(file, text)) {
    if (!lit.value.startsWith('./') && !lit.value.startsWith('../')) continue;
    const resolved = resolveRelative(file, lit.value, fileSet, folderSet);
    if (!resolved) continue;
    let target;
    if (resolved.kind === 'file') target = newPathOf(moves, resolved.target);
    else {
      target = newFolderOf(resolved.target) ?? resolved.target;
      if (vanishedFolders.has(resolved.target) && !newFolderOf(resolved.target)) dangling.push(`${file}: '${lit.value}' names ${resolved.target}/, which the move empties`);
    }
    if (target === resolved.target && newFile === file) continue;
    const spec = specifierFor(newFile, target, resolved, lit.value);
    if (spec !== lit.value) edits.push({ start: lit.start, end: lit.end, text: spec });
  }
  return { text: edits.length ? applyEdits(text, edits) : null, count: edits.length, dangling };
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One pass replacing repo-root paths of moved files and folders (`electron/retention/`,
 * `shared/projection.ts`, `shared/projection`) wherever they appear as a path of their own: not
 * inside a longer path (`dist/electron/...`, `../shared/...`), so relative specifiers stay the AST's
 * (a root file's `./shared/...` is the AST's first, and its rewritten form no longer matches).
 */
export function rootPathRewriter(moves) {
  const pairs = new Map();
  for (const [from, to] of moves) {
    pairs.set(from, to);
    const bareFrom = stripCodeExtension(from);
    if (bareFrom !== from && !pairs.has(bareFrom)) pairs.set(bareFrom, stripCodeExtension(to));
  }
  for (const [from, to] of Object.entries(FOLDER_MOVES)) pairs.set(from, to);
  if (pairs.size === 0) return () => ({ text: null, count: 0 });
  const alternatives = [...pairs.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // `./electron/...` counts too: code in a string, resolved from the repo root (an esbuild stdin).
  const pattern = new RegExp(`((?:^|[^\\w./@-])(?:\\./)?)(${alternatives.join('|')})(?![\\w-]|\\.\\w)`, 'gm');
  return (text) => {
    let count = 0;
    const next = text.replace(pattern, (_m, before, path) => {
      count += 1;
      return before + pairs.get(path);
    });
    return { text: count ? next : null, count };
  };
}

// ---------------------------------------------------------------------------------------------
// The README map (issue 19 point 7): where a domain rule, a screen, a call, a table, a migration and
// a test live. Its example paths are rewritten with every other path; the rows that describe the
// layout itself are written here, for the layout this script makes.
// ---------------------------------------------------------------------------------------------

const README_ROWS = {
  'a domain rule':
    '| a domain rule | one pure module in its group\'s folder of `shared/` (`shared/<group>/`: workspace, import, links, analysis, shortlist, panel, intake, exports, report, audit, maintenance, tracking), cross-cutting helpers (dates, PNC, numbers) in `shared/domain/`; lint keeps `shared/` free of Node, DOM and network | `shared/analysis/projection.ts` |',
  'a call':
    '| a call | declared with its zod schemas in its group\'s folder, `shared/<group>/<group>Calls.ts` (close sub-groups beside it: candidates and person in `shared/shortlist/`, classification, scenarios and settings in `shared/analysis/`, agency sheets in `shared/exports/`), all joined in `shared/api/contract.ts`; handled by the `<group>Handlers.ts` beside the services it calls in `electron/<group>/` (settings and scenarios: `electron/settings/`), the registry being `electron/handlers/index.ts`; the CLI\'s commands, a runtime like IPC, are in `electron/cli/` | `analysis.project`: `shared/analysis/analysisCalls.ts` → `electron/analysis/analysisHandlers.ts` |',
};

export function updateReadmeMap(text) {
  let out = text;
  const notes = [];
  for (const [label, row] of Object.entries(README_ROWS)) {
    const pattern = new RegExp(`^\\| ${escapeRegExp(label)} \\|.*$`, 'm');
    if (!pattern.test(out)) {
      notes.push(`README map: no "${label}" row found; not written`);
      continue;
    }
    out = out.replace(pattern, row);
  }
  return { text: out === text ? null : out, notes };
}

// ---------------------------------------------------------------------------------------------
// Counts
// ---------------------------------------------------------------------------------------------

function countsPerFolder(files) {
  const counts = new Map();
  for (const f of files) {
    if (!f.startsWith('shared/') && !f.startsWith('electron/')) continue;
    const folder = posix.dirname(f);
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  return counts;
}

function looseSharedModules(files) {
  return files.filter((f) => posix.dirname(f) === 'shared' && isCodeFile(f)).length;
}

// ---------------------------------------------------------------------------------------------
// Running it
// ---------------------------------------------------------------------------------------------

export function restructure(root, { dryRun = false, log = console.log } = {}) {
  log(dryRun ? 'Dry run: nothing is changed.\n' : '');
  // The plan comes first: a file the mapping does not know stops the run before anything is written.
  const plan = planMoves(trackedFiles(root));
  log('1. The plan:');
  for (const m of plan.missing) log(`  skipped, no longer exists: ${m}`);
  for (const m of plan.alreadyMoved) log(`  already in place: ${m}`);
  for (const m of plan.placedByRule) log(`  placed by the group rule: ${m}`);
  if (plan.unknown.length || plan.collisions.length) {
    for (const u of plan.unknown) log(`  NOT IN THE MAPPING: ${u}`);
    for (const c of plan.collisions) log(`  COLLISION: ${c}`);
    log('\nStopped before changing anything: add these files to FILE_MOVES or STAYS in scripts/restructure/featureFolders.mjs.');
    return { ok: false, plan };
  }
  log(`  ${plan.moves.size} file(s) to move`);

  log('\n2. Declarations that moved between modules (exportMoves.mjs):');
  const exportNotes = applyExportMoves(root, { dryRun, log: (l) => log(l) });
  for (const n of exportNotes) log(`  ${n}`);
  if (exportNotes.length === 0) log('  none left to re-point');
  const before = trackedFiles(root);

  // Every rewrite is worked out on the tree as it stands, then the files move and the texts are written.
  const fileSet = new Set(before);
  const folderSet = foldersOf(before);
  const after = before.map((f) => newPathOf(plan.moves, f));
  const foldersAfter = foldersOf(after);
  const vanishedFolders = new Set([...folderSet].filter((d) => !foldersAfter.has(d)));
  const rewriteRoot = rootPathRewriter(plan.moves);
  const writes = new Map();
  let relativeEdits = 0;
  let rootEdits = 0;
  const dangling = [];
  const touched = [];
  for (const file of before) {
    if (NOT_REWRITTEN.some((re) => re.test(file)) || !TEXT_EXTENSIONS.test(file)) continue;
    const original = readFileSync(join(root, file), 'utf8');
    let text = original;
    if (isCodeFile(file)) {
      const rel = rewriteRelativeRefs(file, text, plan.moves, fileSet, folderSet, vanishedFolders);
      if (rel.text !== null) text = rel.text;
      relativeEdits += rel.count;
      dangling.push(...rel.dangling);
    }
    const abs = rewriteRoot(text);
    if (abs.text !== null) text = abs.text;
    rootEdits += abs.count;
    if (file === 'README.md') {
      const map = updateReadmeMap(text);
      if (map.text !== null) text = map.text;
      for (const n of map.notes) log(`  ${n}`);
    }
    if (text !== original) {
      writes.set(newPathOf(plan.moves, file), text);
      touched.push(file);
    }
  }

  // Folders the move empties that something still names by their root path (a glob, a doc).
  for (const folder of vanishedFolders) {
    if (newFolderOf(folder)) continue;
    const pattern = new RegExp(`(^|[^\\w./@-])${escapeRegExp(folder)}(/|\\b)`, 'm');
    for (const file of before) {
      if (NOT_REWRITTEN.some((re) => re.test(file)) || !TEXT_EXTENSIONS.test(file)) continue;
      const text = writes.get(newPathOf(plan.moves, file)) ?? readFileSync(join(root, file), 'utf8');
      if (pattern.test(text)) dangling.push(`${file} still names ${folder}/, which the move empties`);
    }
  }

  // A renamed file may still be named by its old file name alone (an allow-list keyed by name).
  for (const [from, to] of plan.moves) {
    const oldName = posix.basename(stripCodeExtension(from));
    if (oldName === posix.basename(stripCodeExtension(to))) continue;
    const pattern = new RegExp(`\\b${escapeRegExp(oldName)}\\b`);
    for (const file of before) {
      if (file === from || NOT_REWRITTEN.some((re) => re.test(file)) || !TEXT_EXTENSIONS.test(file)) continue;
      const text = writes.get(newPathOf(plan.moves, file)) ?? readFileSync(join(root, file), 'utf8');
      if (pattern.test(text)) dangling.push(`${file} names ${oldName}, renamed ${posix.basename(to)}`);
    }
  }

  log('\n3. Moves:');
  for (const [from, to] of [...plan.moves].sort(([a], [b]) => a.localeCompare(b))) log(`  ${from} → ${to}`);
  log(`\n4. References: ${relativeEdits} relative specifier(s) and ${rootEdits} root path(s) rewritten in ${touched.length} file(s).`);
  for (const d of dangling) log(`  CHECK: ${d}`);

  if (!dryRun) {
    for (const [from, to] of plan.moves) {
      mkdirSync(join(root, posix.dirname(to)), { recursive: true });
      execFileSync('git', ['mv', from, to], { cwd: root });
    }
    for (const [path, text] of writes) writeFileSync(join(root, path), text);
  }

  const countsBefore = countsPerFolder(before);
  const countsAfter = countsPerFolder(after);
  log('\n5. Files per folder (shared/ and electron/), before → after:');
  for (const folder of [...new Set([...countsBefore.keys(), ...countsAfter.keys()])].sort()) {
    const b = countsBefore.get(folder) ?? 0;
    const a = countsAfter.get(folder) ?? 0;
    log(`  ${folder.padEnd(40)} ${String(b).padStart(4)} → ${String(a).padStart(4)}${a === b ? '' : a > b ? '  +' + (a - b) : '  ' + (a - b)}`);
  }
  log(`\n  loose modules in shared/ root: ${looseSharedModules(before)} → ${looseSharedModules(after)}`);
  log(`  folders in shared/: ${[...folderSet].filter((d) => posix.dirname(d) === 'shared').length} → ${[...foldersAfter].filter((d) => posix.dirname(d) === 'shared').length}; in electron/: ${[...folderSet].filter((d) => posix.dirname(d) === 'electron').length} → ${[...foldersAfter].filter((d) => posix.dirname(d) === 'electron').length}`);
  if (dryRun) log('\nDry run: nothing was changed.');
  else log('\nDone. Check with: npx tsc -p tsconfig.json --noEmit && npm run lint && node scripts/build.mjs');
  return { ok: true, plan, relativeEdits, rootEdits, dangling };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // --root DIR: another checkout (the script's own test runs it on a small temporary repo).
  const rootFlag = process.argv.indexOf('--root');
  const root = rootFlag > 0 ? resolve(process.argv[rootFlag + 1]) : join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
  const result = restructure(root, { dryRun: process.argv.includes('--dry-run') });
  process.exitCode = result.ok ? 0 : 1;
}
