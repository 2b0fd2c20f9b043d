import { dirname, relative, resolve, sep } from 'node:path';

/**
 * `imports-stay-within`: a relative import must resolve inside one of the given top-level folders
 * of the project. Resolving the path, rather than matching its text against a list of folder
 * names, means a folder added tomorrow is outside the boundary the day it appears.
 * Bare package names are left to `no-restricted-imports`.
 */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports resolve only into the allowed top-level folders.' },
    schema: [
      {
        type: 'object',
        properties: { folders: { type: 'array', items: { type: 'string' }, minItems: 1 }, message: { type: 'string' } },
        required: ['folders'],
        additionalProperties: false,
      },
    ],
    messages: { outside: '"{{source}}" resolves to {{target}}, outside {{folders}}. {{message}}' },
  },
  create(context) {
    const { folders, message = '' } = context.options[0];
    const root = context.cwd;
    const fileDir = dirname(context.filename);

    function check(node, source) {
      if (typeof source !== 'string' || !(source === '.' || source === '..' || source.startsWith('./') || source.startsWith('../'))) return;
      const target = relative(root, resolve(fileDir, source));
      const top = target.split(sep)[0];
      if (target.startsWith('..') || !folders.includes(top)) {
        context.report({ node, messageId: 'outside', data: { source, target: target || '.', folders: folders.map((f) => `${f}/`).join(' and '), message } });
      }
    }
    const fromSource = (node) => check(node.source, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => check(node.source, node.source.type === 'Literal' ? node.source.value : undefined),
      // `typeof import('…')` in a type position.
      TSImportType: (node) => check(node, (node.source ?? node.argument?.literal)?.value),
    };
  },
};

export const projectBoundaries = { rules: { 'imports-stay-within': rule } };
