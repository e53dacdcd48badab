import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// One production server per database, each on fresh data, started by the same command users run.
// With TEST_DATABASE_URL set, every test runs a second time against PostgreSQL (in its own schema).
const port = Number(process.env.E2E_PORT ?? 3210);
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "eca-e2e-"));
process.env.E2E_PG_SCHEMA ??= `e2e_${Date.now().toString(36)}`;

type Server = NonNullable<Extract<PlaywrightTestConfig["webServer"], unknown[]>>[number];

function server(name: string, serverPort: number, extraEnv: Record<string, string>): Server {
  const url = `http://127.0.0.1:${serverPort}`;
  return {
    name,
    command: "node scripts/start.mjs",
    url: `${url}/api/health`,
    // Builds on a busy machine can take longer: E2E_SERVER_TIMEOUT_MS raises the wait.
    timeout: Number(process.env.E2E_SERVER_TIMEOUT_MS ?? 300_000),
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(serverPort),
      // Each app server runs its own collab sidecar; keep their ports apart from other runs too.
      COLLAB_PORT: String(serverPort + 100),
      HOST: "127.0.0.1",
      DATA_DIR: join(process.env.E2E_DATA_DIR!, name),
      LOG_LEVEL: "warn",
      ALLOW_REGISTRATION: "true",
      // Every test registers its own people, all from 127.0.0.1.
      REGISTRATIONS_PER_HOUR_PER_IP: "10000",
      // e2e/webhooks.spec.ts delivers to a receiver on 127.0.0.1.
      WEBHOOK_ALLOW_PRIVATE: "true",
      ...extraEnv,
    },
  };
}

function postgresUrl(): string | undefined {
  if (!process.env.TEST_DATABASE_URL) return undefined;
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.searchParams.set("schema", process.env.E2E_PG_SCHEMA!);
  return url.toString();
}

// The AI provider every app server talks to: a fake OpenAI-compatible server (e2e/fake-ai-server.ts).
const fakeAiPort = port + 50;
const fakeAi: Server = {
  name: "fake-ai",
  command: `node --import tsx e2e/fake-ai-server.ts ${fakeAiPort}`,
  url: `http://127.0.0.1:${fakeAiPort}/v1/models`,
  timeout: 30_000,
  reuseExistingServer: false,
  stdout: "ignore",
  stderr: "pipe",
};
const aiEnv = {
  OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${fakeAiPort}/v1`,
  OPENAI_COMPATIBLE_MODELS: "fake-main,fake-backup",
  AI_FALLBACK_MODELS: "openai-compatible:fake-backup",
  AI_MAX_RETRIES: "0",
  AI_BREAKER_FAILURE_THRESHOLD: "1000",
  CHAT_RATE_LIMIT_PER_MINUTE: "1000",
};

const pg = postgresUrl();
const servers = [server("sqlite", port, aiEnv), ...(pg ? [server("postgresql", port + 1, { ...aiEnv, DATABASE_URL: pg })] : [])];

export default defineConfig({
  testDir: "e2e",
  // Parallel runs (e.g. several worktrees on one machine) keep their artefacts apart.
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalTeardown: pg ? "./e2e/drop-postgres-schema.ts" : undefined,
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1366, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: servers.map((s) => ({
    name: s.name!,
    use: { baseURL: `http://127.0.0.1:${s.env!.PORT}` },
  })),
  webServer: [fakeAi, ...servers],
});
