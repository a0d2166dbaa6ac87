// Lint, including the layering rules of docs: each arrow of the data flow is one-way.
//   electron/libvirt  -> imports nothing of the app (no backend, no shared contract, no electron)
//   electron/backend  -> may use libvirt and shared; never electron, never the renderer
//   shared/           -> pure contract: no node built-ins, no electron, no renderer, no backend
//   renderer/         -> only shared/ and npm packages
//   only electron/main.ts and electron/preload.ts import 'electron'
//   electron/libvirt  -> entered only through electron/libvirt/index.js: nothing outside
//                        electron/libvirt/ imports its files (client.js, api/..., protocol/...)
//                        directly. Exception: the tests of the layer's own internals
//                        under test/libvirt/** may import any of its files.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronModule = { name: 'electron', message: 'Only electron/main.ts and electron/preload.ts may import electron.' };
const layer = (group, message) => ({ group, message });
const libvirtOnlyViaIndex = 'Import the libvirt layer through electron/libvirt/index.js, not its internal files.';
// From files under electron/ a relative path reaches the layer as ../libvirt/...; from anywhere
// else (bench, scripts, tests) it names electron/libvirt/ (test/libvirt/ helpers stay importable).
const libvirtInternals = layer(['**/libvirt/*', '**/libvirt/**', '!**/libvirt/index.js'], libvirtOnlyViaIndex);
const libvirtInternalsFromOutside = layer(
  ['**/electron/libvirt/*', '**/electron/libvirt/**', '!**/electron/libvirt/index.js'],
  libvirtOnlyViaIndex,
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronModule], patterns: [libvirtInternalsFromOutside] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronModule], patterns: [libvirtInternals] }] },
  },
  {
    // The layer itself, and the tests of its internals, may reach any of its files.
    files: ['electron/libvirt/**/*.ts', 'test/libvirt/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronModule] }] },
  },
  {
    files: ['electron/libvirt/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronModule],
          patterns: [
            layer(
              ['**/backend/**', '**/backend', '**/shared/**', '**/renderer/**'],
              'The protocol layer knows no services, contract or views.',
            ),
            layer(
              ['**/cli/**', '**/server/**', '**/main', '**/main.js', '**/headless', '**/headless.js', '**/cli.js'],
              'The protocol layer is imported by the shells, not the other way round.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/backend/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronModule],
          patterns: [
            layer(['**/renderer/**'], 'The backend never imports the renderer.'),
            layer(
              ['**/server/**', '**/main.js', '**/preload.js', '**/headless.js', '**/cli.js', '**/cli/**'],
              'Services do not know which shell runs them.',
            ),
            libvirtInternals,
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronModule],
          patterns: [
            layer(['node:*', 'fs', 'path', 'os', 'net', 'crypto', 'child_process'], 'shared/ runs in the renderer too: no Node built-ins.'),
            layer(['**/electron/**', '**/renderer/**'], 'shared/ is the contract: it imports neither side.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronModule],
          patterns: [
            layer(['**/electron/**'], 'The renderer talks to the backend only through the shared contract.'),
            layer(
              ['node:*', 'fs', 'path', 'os', 'net', 'child_process', 'ssh2', 'lowdb', 'ws'],
              'The renderer is a web page: no Node modules.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [libvirtInternals] }] },
  },
);
