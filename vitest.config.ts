import { defineConfig } from 'vitest/config';

// Integration tests share one lab (one libvirtd, one sshd): files run one at a time.
// Two projects: node for the backend, CLI and pure renderer logic (*.test.ts);
// jsdom for the renderer's component tests (*.test.tsx), with their own setup.
export default defineConfig({
  test: {
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30_000,
    // The lab's timing-sensitive tests (TCG guests on a loaded 2-core machine) get two retries; a real
    // failure fails three times. npm test names every test that passed only on a retry
    // (test/reporters/retried.ts), so a flaky one is seen and fixed rather than hidden.
    retry: 2,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts', 'renderer/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['renderer/**/*.test.tsx'],
          setupFiles: ['renderer/test/setup.ts'],
          // Component tests need no lab: a slow one is a broken one.
          testTimeout: 10_000,
        },
      },
    ],
  },
});
