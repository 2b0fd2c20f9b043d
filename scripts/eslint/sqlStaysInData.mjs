/**
 * `sql-stays-in-data`: a statement is prepared, executed or a pragma set only in electron/data/
 * (and the migrations), so every SQL statement of the app is found in one folder (issue 19).
 *
 * Without type information a database is known by its methods: `.prepare(` and `.pragma(` belong
 * to nothing else in the project, whatever the receiver is called. `.exec(` is also RegExp's, so it
 * counts only on a receiver named as a database (`db`, `workspace.db`, `this.db`, `database`,
 * `targetDb`, `connection`); a regular expression's `.exec(` is left alone.
 */
const DATABASE_NAME = /^(db|database|connection|conn|sqlite)$|(Db|Database|Connection)$/;

function receiverName(object) {
  if (object.type === 'Identifier') return object.name;
  if (object.type === 'MemberExpression' && !object.computed && object.property.type === 'Identifier') return object.property.name;
  if (object.type === 'ThisExpression') return 'this';
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL is prepared and run only in the workspace data layer (electron/data/).' },
    schema: [],
    messages: {
      outside: '`.{{method}}(` on a database outside electron/data/: move the statement into a function of the data module for its table group and call that.',
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee.type === 'ChainExpression' ? node.callee.expression : node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        if (method === 'prepare' || method === 'pragma') {
          context.report({ node: callee.property, messageId: 'outside', data: { method } });
        } else if (method === 'exec') {
          const name = receiverName(callee.object);
          if (name !== null && DATABASE_NAME.test(name)) context.report({ node: callee.property, messageId: 'outside', data: { method } });
        }
      },
    };
  },
};

export const dataLayer = { rules: { 'sql-stays-in-data': rule } };
