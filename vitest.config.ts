import { defineConfig } from 'vitest/config';

// Integration tests share one lab (one libvirtd, one sshd): files run one at a time.
// Two projects: node for the backend, CLI and pure renderer logic (*.test.ts);
// jsdom for the renderer's component tests (*.test.tsx), with their own setup.
export default defineConfig({
  test: {
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30_000,
    // The lab's timing-sensitive tests (TCG guests under load) get one retry; a real failure fails twice.
    retry: 1,
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
