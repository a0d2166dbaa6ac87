/**
 * Writes test-results/vitest-retried.json: every test that needed a retry,
 * and whether it passed in the end. The JSON reporter keeps no retry count, and
 * npm test names these so a flaky lab test is seen and fixed, not hidden by the retry.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestCase } from 'vitest/node';

export default class RetriedReporter implements Reporter {
  private readonly retried: { file: string; name: string; retries: number; state: string; errors: string[] }[] = [];

  onTestCaseResult(test: TestCase): void {
    const retries = test.diagnostic()?.retryCount ?? 0;
    if (retries === 0) return;
    const result = test.result();
    // A test that passed on a retry still carries its failed attempts' errors: kept so the flake can be fixed.
    const errors = (result.errors ?? []).map((e) => String(e.message).split('\n').slice(0, 3).join(' | ').slice(0, 400));
    this.retried.push({ file: test.module.moduleId, name: test.fullName, retries, state: result.state, errors });
  }

  onTestRunEnd(): void {
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/vitest-retried.json', `${JSON.stringify(this.retried, null, 2)}\n`);
  }
}
