import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL(".", import.meta.url)) };
const exclude = ["node_modules/**", ".next/**", "e2e/**", "data/**"];

export default defineConfig({
  resolve: { alias },
  test: {
    // Structured logs would bury the test report; set LOG_LEVEL to see them.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["{lib,server,components,app,scripts}/**/*.test.{ts,tsx}"],
          exclude: [...exclude, "**/*.int.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          include: ["{lib,server,app,scripts}/**/*.int.test.ts"],
          exclude,
          environment: "node",
          testTimeout: 30_000,
          // Creating a PostgreSQL schema and migrating it can take a minute on a loaded 2-core machine.
          hookTimeout: 180_000,
          // Integration files share the machine's PostgreSQL and ports; two at a time is plenty on 2 cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
