// `npm run package:check`: validates the packaging configuration offline,
// without packaging (which would download Electron):
//   1. electron-builder's own loader and JSON-schema validation of electron-builder.yml;
//   2. the settings NovaCron relies on (appId, targets, asar, npmRebuild: false, fuses);
//   3. every file the config points at exists (icons), and the build output
//      the app needs is there (run `npm run build` first).
// Exits non-zero with one line per problem.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const problems = [];
const fail = (m) => problems.push(m);

// 1. electron-builder's loader and schema (the same functions `electron-builder` runs first).
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');
let config = {};
try {
  config = await getConfig(root, join(root, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
} catch (e) {
  fail(`electron-builder rejects the configuration: ${e.message}`);
}

// 2. What we rely on.
const expect = (ok, message) => ok || fail(message);
const targetsOf = (t) => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : x?.target));
expect(config.appId === 'dev.novacron.app', 'appId must be dev.novacron.app');
expect(config.productName === 'NovaCron', 'productName must be NovaCron');
expect(config.asar === true, 'asar must be true');
expect(config.npmRebuild === false, 'npmRebuild must be false (ssh2 runs as pure JS; rebuilding needs a compiler and headers)');
expect(config.electronFuses?.runAsNode === false, 'electronFuses.runAsNode must be false');
expect(config.electronFuses?.onlyLoadAppFromAsar === true, 'electronFuses.onlyLoadAppFromAsar must be true');
for (const [platform, wanted] of [
  ['linux', ['AppImage', 'deb']],
  ['mac', ['dmg']],
  ['win', ['nsis']],
]) {
  const have = targetsOf(config[platform]?.target ?? []);
  for (const t of wanted) expect(have.includes(t), `${platform}.target must include ${t}`);
}
expect(config.linux?.category === 'System', 'linux.category must be System');
// getConfig normalises `files` into [{ filter: [...] }].
const files = (config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
for (const pattern of ['dist/node/**', 'dist/renderer/**', 'package.json'])
  expect(files.includes(pattern), `files must include ${pattern}`);

// 3. Files on disk.
for (const [key, file] of [
  ['linux.icon', config.linux?.icon],
  ['mac.icon', config.mac?.icon],
  ['win.icon', config.win?.icon],
]) {
  if (!file) fail(`${key} is not set`);
  else if (!existsSync(join(root, file))) fail(`${key}: ${file} does not exist (node scripts/make-icons.mjs makes the icons)`);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
expect(pkg.main === 'dist/node/main.mjs', `package.json main should be dist/node/main.mjs, not ${pkg.main}`);
for (const built of ['dist/node/main.mjs', 'dist/node/preload.cjs', 'dist/node/headless.mjs', 'dist/renderer/index.html']) {
  if (!existsSync(join(root, built))) fail(`${built} is missing: run \`npm run build\` first`);
}

if (problems.length > 0) {
  for (const p of problems) process.stderr.write(`package:check: ${p}\n`);
  process.exit(1);
}
process.stderr.write('package:check: electron-builder.yml is valid and everything it needs is in place\n');
