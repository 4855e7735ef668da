import { defineConfig } from "vitest/config";

// End-to-end checks that need system software (Debian's python3-networkx, chromium, jupyter):
// `npm run test:e2e`, run by .ci/run after it installs them.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    allowOnly: false,
  },
});
