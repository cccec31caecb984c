import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs no server; `integration` shares one real stack per run
// (PostgreSQL + Kafka KRaft, started by the global setup) and runs files one at a time,
// because the servers already use both cores of a small machine.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{harness,scripts,src,labs,compose}/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{harness,scripts,src,labs,compose}/**/*.integration.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['harness/runtime/vitest-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
