import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/**/fixtures/**'],
    // Builds and browser runs are slow on a 2-core machine; unit tests stay far below this.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
