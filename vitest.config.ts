import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import WholeBookFirstSequencer from './tests/support/sequencer.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/**/fixtures/**'],
    // Two files at a time even on 2 cores (vitest's default there is one): most long files wait on a broker,
    // a sidecar, an API server or a browser for much of their time. The whole-book files start first
    // (tests/support/sequencer.ts), so the short files fill the gaps instead of trailing alone.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: WholeBookFirstSequencer },
    // Builds and browser runs are slow on a 2-core machine; unit tests stay far below this.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
