#!/usr/bin/env node
// Re-points imports of declarations that moved from one module to another (issue 19 point 3, part A:
// each contract group file declares one group). Rerunnable: code written since, still importing a
// moved name from its old module, is re-pointed the same way. Run alone (`--dry-run` prints only), or
// from featureFolders.mjs before the files move. Paths here are the modules' places BEFORE the move.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { applyEdits, foldersOf, isCodeFile, resolveRelative, specifierFor, trackedFiles } from './moduleRefs.mjs';

export const EXPORT_MOVES = [
  {
    from: 'shared/api/importCalls.ts',
    to: 'shared/api/linkCalls.ts',
    names: ['LinkReviewSchema', 'LinkReview', 'DuplicatePncReportSchema', 'DuplicatePncReport', 'linkCalls'],
  },
  {
    from: 'shared/api/importCalls.ts',
    to: 'shared/api/jobCalls.ts',
    names: ['JobStateSchema', 'JobState', 'BACKGROUND_JOB_KINDS', 'BackgroundJobKind', 'jobCalls'],
  },
  {
    from: 'shared/api/candidateCalls.ts',
    to: 'shared/api/personCalls.ts',
    names: [
      'SourceRefSchema', 'SourceRef', 'PersonFieldSchema', 'PersonField', 'PersonFlagSchema', 'PersonFlag', 'PersonArrestSchema', 'PersonArrest',
      'PersonNoteSchema', 'PersonNote', 'LinkedRecordSchema', 'LinkedRecord', 'PersonProfileSchema', 'PersonProfile', 'NOTE_MAX_LENGTH', 'personCalls',
    ],
  },
  { from: 'shared/api/analysisCalls.ts', to: 'shared/api/classificationCalls.ts', names: ['classificationCalls'] },
  { from: 'shared/api/analysisCalls.ts', to: 'shared/api/shortlistViewCalls.ts', names: ['shortlistCalls'] },
  { from: 'electron/handlers/importHandlers.ts', to: 'electron/handlers/linkHandlers.ts', names: ['linkHandlers'] },
  { from: 'electron/handlers/importHandlers.ts', to: 'electron/handlers/jobHandlers.ts', names: ['jobHandlers'] },
  { from: 'electron/handlers/analysisHandlers.ts', to: 'electron/handlers/shortlistHandlers.ts', names: ['shortlistHandlers'] },
  { from: 'electron/handlers/analysisHandlers.ts', to: 'electron/handlers/classificationHandlers.ts', names: ['classificationHandlers'] },
  { from: 'electron/handlers/candidateHandlers.ts', to: 'electron/handlers/personHandlers.ts', names: ['personHandlers'] },
];

function destinationOf(moves, module, name) {
  return moves.find((m) => m.from === module && m.names.includes(name))?.to ?? null;
}

/**
 * The edits that re-point one file's imports (and `import('…').Name` types) of moved names. Returns
 * the new text (or null if nothing changes) and one line per rewritten declaration.
 */
export function rewriteMovedExports(path, text, fileSet, folderSet, moves = EXPORT_MOVES) {
  const movedModules = new Set(moves.map((m) => m.from));
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edits = [];
  const notes = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      const resolved = resolveRelative(path, spec, fileSet, folderSet);
      if (resolved && movedModules.has(resolved.target)) rewriteDeclaration(node, spec, resolved);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal) && node.qualifier) {
      const spec = node.argument.literal.text;
      const resolved = resolveRelative(path, spec, fileSet, folderSet);
      const first = ts.isIdentifier(node.qualifier) ? node.qualifier.text : node.qualifier.left.getText(source);
      const to = resolved ? destinationOf(moves, resolved.target, first) : null;
      if (to && to !== path) {
        const lit = node.argument.literal;
        edits.push({ start: lit.getStart(source) + 1, end: lit.getEnd() - 1, text: specifierFor(path, to, resolved, spec) });
        notes.push(`${path}: import('${spec}').${first} → ${to}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  const rewriteDeclaration = (node, spec, resolved) => {
    const isImport = ts.isImportDeclaration(node);
    const bindings = isImport ? node.importClause?.namedBindings : node.exportClause;
    if (!bindings || !(ts.isNamedImports(bindings) || ts.isNamedExports(bindings))) return;
    const declTypeOnly = isImport ? Boolean(node.importClause?.isTypeOnly) : node.isTypeOnly;
    const byDestination = new Map();
    const staying = [];
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      const to = destinationOf(moves, resolved.target, imported);
      if (to && to !== path) {
        if (!byDestination.has(to)) byDestination.set(to, []);
        byDestination.get(to).push(element.getText(source));
      } else staying.push(element.getText(source));
    }
    if (byDestination.size === 0) return;
    const keyword = isImport ? 'import' : 'export';
    const typePrefix = declTypeOnly ? 'type ' : '';
    const added = [...byDestination].map(([to, elements]) => `${keyword} ${typePrefix}{ ${elements.join(', ')} } from '${specifierFor(path, to, resolved, spec)}';`);
    const hasDefault = isImport && node.importClause?.name;
    let replacement;
    if (staying.length === 0 && !hasDefault) replacement = added.join('\n');
    else {
      const head = isImport ? `import ${typePrefix}${hasDefault ? `${node.importClause.name.text}, ` : ''}` : `export ${typePrefix}`;
      replacement = [`${head}{ ${staying.join(', ')} } from '${spec}';`, ...added].join('\n');
    }
    edits.push({ start: node.getStart(source), end: node.getEnd(), text: replacement });
    notes.push(`${path}: ${[...byDestination].map(([to, els]) => `${els.join(', ')} → ${to}`).join('; ')}`);
  };
  visit(source);
  return { text: edits.length ? applyEdits(text, edits) : null, notes };
}

/** Re-points every code file of the repo; returns the notes. */
export function applyExportMoves(root, { dryRun = false, moves = EXPORT_MOVES, log = console.log } = {}) {
  const files = trackedFiles(root);
  const fileSet = new Set(files);
  const folderSet = foldersOf(files);
  for (const move of moves) {
    if (!fileSet.has(move.from)) log(`  (export move skipped: ${move.from} no longer exists)`);
    if (!fileSet.has(move.to)) log(`  (export move skipped: ${move.to} does not exist)`);
  }
  const live = moves.filter((m) => fileSet.has(m.from) && fileSet.has(m.to));
  const allNotes = [];
  for (const file of files.filter((f) => isCodeFile(f) && !/\.(mjs|cjs|js)$/.test(f))) {
    const text = readFileSync(join(root, file), 'utf8');
    if (!live.some((m) => text.includes(posix.basename(m.from).replace(/\.ts$/, '')))) continue;
    const { text: next, notes } = rewriteMovedExports(file, text, fileSet, folderSet, live);
    if (next !== null && !dryRun) writeFileSync(join(root, file), next);
    allNotes.push(...notes);
  }
  return allNotes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
  const dryRun = process.argv.includes('--dry-run');
  const notes = applyExportMoves(root, { dryRun });
  console.log(`${dryRun ? 'Would re-point' : 'Re-pointed'} ${notes.length} import(s) of moved declarations:`);
  for (const n of notes) console.log(`  ${n}`);
}
