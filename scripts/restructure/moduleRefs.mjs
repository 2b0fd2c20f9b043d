// Finding and rewriting the places a source file names another file: import/export specifiers,
// dynamic import(), vi.mock(), require(), `typeof import()` types, and any other string literal that
// is a relative path to a file or folder of the repo (tests that read sources by path). Plain Node
// plus the `typescript` package already installed, so it runs on any checkout without new dependencies.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';

export const CODE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.mjs', '.cjs', '.js', '.jsx'];
const RESOLVE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.mjs', '.cjs', '.js', '.jsx', '.json'];

/** Repo-relative, forward-slash paths of the files git tracks (plus new untracked ones), outside build output. */
export function trackedFiles(root) {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out
    .split('\0')
    .filter(Boolean)
    .filter((f) => existsSync(join(root, f)))
    .filter((f) => !f.startsWith('node_modules/') && !f.startsWith('dist/'));
}

export function isCodeFile(path) {
  return CODE_EXTENSIONS.some((ext) => path.endsWith(ext));
}

function scriptKindFor(path) {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(mjs|cjs|js)$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * Resolves a relative specifier written in `fromFile` (repo-relative) against a set of repo files.
 * Returns { target, kind: 'file' | 'folder', extension } with `target` repo-relative, or null when
 * it names nothing in the repo (a package, or a path outside it).
 */
export function resolveRelative(fromFile, spec, fileSet, folderSet) {
  if (!spec.startsWith('./') && !spec.startsWith('../') && spec !== '.' && spec !== '..') return null;
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), spec));
  if (joined.startsWith('..')) return null;
  const bare = joined.replace(/\/$/, '');
  if (fileSet.has(bare)) return { target: bare, kind: 'file', written: 'exact' };
  // TypeScript's ".js names the .ts file" convention.
  const jsAsTs = bare.replace(/\.(m|c)?js$/, (_m, p) => `.${p ?? ''}ts`);
  if (jsAsTs !== bare && fileSet.has(jsAsTs)) return { target: jsAsTs, kind: 'file', written: 'jsForTs' };
  for (const ext of RESOLVE_EXTENSIONS) if (fileSet.has(bare + ext)) return { target: bare + ext, kind: 'file', written: 'noExtension' };
  for (const ext of RESOLVE_EXTENSIONS) if (fileSet.has(`${bare}/index${ext}`)) return { target: `${bare}/index${ext}`, kind: 'file', written: 'folderIndex' };
  if (folderSet.has(bare)) return { target: bare, kind: 'folder', written: 'folder' };
  return null;
}

/** The specifier that names `target` from `fromFile`, written in the same style as the original. */
export function specifierFor(fromFile, target, resolved, original) {
  let path = target;
  if (resolved.written === 'noExtension') path = stripCodeExtension(target);
  else if (resolved.written === 'jsForTs') path = target.replace(/\.(m|c)?ts$/, (_m, p) => `.${p ?? ''}js`);
  else if (resolved.written === 'folderIndex') path = posix.dirname(target);
  let rel = posix.relative(posix.dirname(fromFile), path);
  if (rel === '') rel = '.';
  if (!rel.startsWith('.')) rel = `./${rel}`;
  if (original.endsWith('/') && !rel.endsWith('/')) rel += '/';
  return rel;
}

export function stripCodeExtension(path) {
  return path.replace(/\.(tsx?|mts|cts|mjs|cjs|jsx?|json)$/, '');
}

/** Every string literal of a code file with whether it is a module specifier, and its position. */
export function stringLiterals(path, text) {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindFor(path));
  const found = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      found.push({ start: node.getStart(source) + 1, end: node.getEnd() - 1, value: node.text, isModule: isModuleSpecifier(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isModuleSpecifier(node) {
  const parent = node.parent;
  if (!parent) return false;
  if ((ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) && parent.moduleSpecifier === node) return true;
  if (ts.isExternalModuleReference(parent)) return true;
  if (ts.isLiteralTypeNode(parent) && parent.parent && ts.isImportTypeNode(parent.parent)) return true;
  if (ts.isCallExpression(parent) && parent.arguments[0] === node) {
    const callee = parent.expression;
    if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    return ['require', 'mock', 'doMock', 'unmock', 'importActual', 'importMock'].includes(name);
  }
  return false;
}

/** Applies [start, end, replacement] edits to a text, last first so earlier positions stay right. */
export function applyEdits(text, edits) {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

export function foldersOf(files) {
  const folders = new Set();
  for (const f of files) {
    let d = posix.dirname(f);
    while (d !== '.' && !folders.has(d)) {
      folders.add(d);
      d = posix.dirname(d);
    }
  }
  return folders;
}

export function isDirectory(root, path) {
  try {
    return statSync(join(root, path)).isDirectory();
  } catch {
    return false;
  }
}

export function repoRelative(root, abs) {
  return relative(root, abs).split('\\').join('/');
}

export { dirname };
