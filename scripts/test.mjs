// The one test command (`npm test`): brings the lab up, builds, checks types,
// lint and packaging config, runs the integration tests (vitest) against the
// lab and the Playwright suite against the headless console, and closes with
// one "N passed, N failed" line. Any failure makes it exit non-zero.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

const results = [];
const counts = { passed: 0, failed: 0, skipped: 0 };
mkdirSync('test-results', { recursive: true });

function step(name, cmd, args, opts = {}) {
  const started = Date.now();
  process.stderr.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, {
    stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
  });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  if (opts.capture && r.stdout) process.stderr.write(r.stdout);
  return { ok, stdout: r.stdout ?? '' };
}

const only = process.argv.slice(2);
const wants = (s) => only.length === 0 || only.includes(s);

// 1. The lab; its last stdout line is the JSON every test reads.
let labEnv = {};
if (wants('lab') || wants('unit') || wants('e2e')) {
  const lab = step('lab', 'bash', ['e2e/lab/lab.sh', 'up'], { capture: true });
  if (!lab.ok) finish();
  const last = lab.stdout.trim().split('\n').pop() ?? '';
  JSON.parse(last); // fail loudly if the lab broke its promise
  labEnv = { NOVACRON_LAB_JSON: last };
}

if (wants('static')) {
  step('build', 'npm', ['run', '-s', 'build']);
  step('typecheck', 'npm', ['run', '-s', 'typecheck']);
  step('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
  step('packaging config', 'npm', ['run', '-s', 'package:check']);
}

if (wants('unit')) {
  const out = 'test-results/vitest.json';
  step('integration tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
    env: labEnv,
  });
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    counts.passed += j.numPassedTests ?? 0;
    counts.failed += j.numFailedTests ?? 0;
    counts.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  }
}

if (wants('e2e')) {
  const out = 'test-results/playwright.json';
  step('end-to-end (playwright)', 'npx', ['playwright', 'test'], { env: { ...labEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: out } });
  if (existsSync(out)) {
    const s = JSON.parse(readFileSync(out, 'utf8')).stats ?? {};
    counts.passed += s.expected ?? 0;
    counts.failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
    counts.skipped += s.skipped ?? 0;
  }
}

finish();

function finish() {
  process.stderr.write('\n=== summary\n');
  for (const r of results) process.stderr.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds} s)\n`);
  const failedSteps = results.filter((r) => !r.ok).length;
  // A failed step with no failed test (a build error, say) still counts as a failure.
  const failed = counts.failed + (failedSteps > 0 && counts.failed === 0 ? failedSteps : 0);
  console.log(`${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped`);
  process.exit(failedSteps > 0 ? 1 : 0);
}
