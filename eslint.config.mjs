import coreWebVitals from "eslint-config-next/core-web-vitals";
import typescript from "eslint-config-next/typescript";

const config = [
  ...coreWebVitals,
  ...typescript,
  {
    ignores: [".next/**", ".next-*/**", "test-results-*/**", "node_modules/**", "data/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // lib is the framework-free domain: it never reaches into the app, the UI or the sidecar.
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["@/app/*", "@/components/*", "@/server/*", "next/*", "react", "react-dom"] },
      ],
    },
  },
  {
    // One configuration: environment variables are read and validated in lib/config only. Exempt are
    // the roots of tools that pass the environment on or read their own switches: scripts (the
    // supervisor and its helpers), tests and their support, benches, e2e and the tools' config files.
    files: ["**/*.{ts,tsx,mts,mjs}"],
    ignores: [
      "lib/config/**",
      "scripts/**",
      "e2e/**",
      "bench/**",
      "**/*.test.ts",
      "**/test-support/**",
      "lib/db/test-database.ts",
      "*.config.{ts,mts,mjs}",
      "prisma/*.config.ts",
    ],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/config (getConfig, or buildConfig in a process root)." },
      ],
    },
  },
];

export default config;
