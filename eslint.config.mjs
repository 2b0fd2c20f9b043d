import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { projectBoundaries } from './scripts/eslint/importsStayWithin.mjs';
import { dataLayer } from './scripts/eslint/sqlStaysInData.mjs';

// Where code may run is enforced, not just agreed: shared/ is pure, renderer/ has no Node or Electron.
const networkModules = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'node:http', 'node:https', 'node:http2', 'node:net', 'node:tls', 'node:dgram', 'node:dns', 'undici', 'ws', 'node-fetch', 'axios', 'follow-redirects'];
const noNetworkImports = { group: networkModules, message: 'The app makes no network connections.' };
const noNetworkGlobals = ['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource'].map((name) => ({ name, message: 'The app makes no network connections.' }));
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'tls', 'dgram', 'worker_threads', 'stream', 'zlib', 'url', 'util', 'readline'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-output/**', 'bin/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    plugins: { project: projectBoundaries },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        noNetworkImports,
        { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node modules.' },
        { group: ['electron', 'react', 'react-dom', 'better-sqlite3-multiple-ciphers', 'xlsx'], message: 'shared/ may import only shared/ and pure libraries.' },
      ] }],
      'project/imports-stay-within': ['error', { folders: ['shared'], message: 'shared/ is pure: it imports only itself and pure libraries.' }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', ...noNetworkGlobals],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, project: projectBoundaries },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: [
        { group: nodeBuiltins, message: 'The renderer runs sandboxed: no Node modules.' },
        { group: ['electron', 'better-sqlite3-multiple-ciphers'], message: 'The renderer reaches main only through the typed client (renderer/api).' },
      ] }],
      'project/imports-stay-within': ['error', { folders: ['renderer', 'shared'], message: 'The renderer reaches main only through the typed client (renderer/api).' }],
    },
  },
  {
    // Every main-process module, not a list of folders, so a new folder is covered the day it appears
    // (shared/ refuses the same modules and globals in its own block above).
    // The one exception is the preview's loopback bridge, a development tool never packaged.
    files: ['electron/**/*.ts'],
    ignores: ['electron/devBridge/**'],
    rules: {
      // Main must never talk to a network: session.webRequest does not cover Node sockets.
      'no-restricted-imports': ['error', { patterns: [noNetworkImports] }],
      'no-restricted-globals': ['error', ...noNetworkGlobals],
    },
  },
  {
    // Every SQL statement lives in the data layer (electron/data/), the migrations' own aside.
    files: ['electron/**/*.ts'],
    ignores: ['electron/data/**', 'electron/workspace/migrations/**'],
    plugins: { 'data-layer': dataLayer },
    rules: { 'data-layer/sql-stays-in-data': 'error' },
  },
);
