// Lists the exports that no other module imports, with the TypeScript checker over the project's
// tsconfig (app, tests and benchmarks alike), so an export reached through a re-export counts too.
// `node scripts/unusedExports.mjs` prints three groups: exported but used nowhere, used only in its
// own file (the `export` can go), and imported only by tests (a test seam, or code kept for a test).
import ts from 'typescript';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const configPath = join(root, 'tsconfig.json');
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const checker = program.getTypeChecker();

const ownFiles = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !relative(root, f.fileName).startsWith('..') && !f.fileName.includes(`${sep}node_modules${sep}`));
const isTest = (file) => /^(test|bench)\//.test(relative(root, file).split(sep).join('/'));

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
    exported.set(target, { file: relative(root, file.fileName), name: symbol.name, importers: new Set(), localUses: 0 });
  }
}

function markModule(specifier, importer) {
  const moduleSymbol = checker.getSymbolAtLocation(specifier);
  if (!moduleSymbol) return;
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) exported.get(original(symbol))?.importers.add(importer);
}

for (const file of ownFiles) {
  const importer = relative(root, file.fileName);
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
    } else if (ts.isIdentifier(node) && !ts.isImportSpecifier(node.parent) && !ts.isExportSpecifier(node.parent)) {
      const symbol = checker.getSymbolAtLocation(node);
      const entry = symbol && exported.get(original(symbol));
      if (entry && entry.file === importer && node.parent && ts.getNameOfDeclaration(node.parent) !== node) entry.localUses++;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

const unused = [];
const localOnly = [];
const testOnly = [];
for (const entry of exported.values()) {
  const importers = [...entry.importers].filter((f) => f !== entry.file);
  const line = `${entry.file}: ${entry.name}`;
  if (importers.length === 0) (entry.localUses > 0 ? localOnly : unused).push(line);
  else if (!isTest(entry.file) && importers.every(isTest)) testOnly.push(`${line}  (${importers.join(', ')})`);
}
for (const [title, lines] of [['Exported, used nowhere', unused], ['Exported, used only in its own file', localOnly], ['Exported, imported only by tests or benchmarks', testOnly]]) {
  console.log(`## ${title} (${lines.length})`);
  for (const line of lines.sort()) console.log(line);
  console.log('');
}
