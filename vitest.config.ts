import { defineConfig } from 'vitest/config';

// Generous limits: OCR and model loading are slow on a 2-core machine, and no test measures time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    pool: 'forks',
  },
});
