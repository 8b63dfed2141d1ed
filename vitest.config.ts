import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'cli/**/*.test.ts',
      'functions/**/*.test.ts',
      'infra/**/*.test.ts',
      'addin/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
