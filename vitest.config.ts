import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // test/e2e needs system software; `npm run test:e2e` (vitest.e2e.config.ts) runs it.
    exclude: ["test/e2e/**", "**/node_modules/**"],
    testTimeout: 120_000,
    allowOnly: false,
  },
});
