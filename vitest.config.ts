import { defineConfig } from 'vitest/config';

// Integration tests share one lab (one libvirtd, one sshd): files run one at a time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'renderer/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
