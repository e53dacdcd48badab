import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildConfig, ConfigError } from "./index";

const tempDir = () => mkdtempSync(join(tmpdir(), "eca-config-"));

describe("buildConfig", () => {
  it("generates the auth secret on first start and reuses it", () => {
    const dir = tempDir();
    const first = buildConfig({ DATA_DIR: dir }).authSecret;
    const second = buildConfig({ DATA_DIR: dir }).authSecret;
    expect(first).toHaveLength(64);
    expect(second).toBe(first);
    expect(JSON.parse(readFileSync(join(dir, "secrets.json"), "utf8")).authSecret).toBe(first);
    expect(statSync(join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
  });

  it("prefers AUTH_SECRET, then NEXTAUTH_SECRET", () => {
    const dir = tempDir();
    const a = "a".repeat(40);
    const n = "n".repeat(40);
    expect(buildConfig({ DATA_DIR: dir, AUTH_SECRET: a, NEXTAUTH_SECRET: n }).authSecret).toBe(a);
    expect(buildConfig({ DATA_DIR: dir, NEXTAUTH_SECRET: n }).authSecret).toBe(n);
  });

  it("uses an embedded SQLite file under DATA_DIR unless DATABASE_URL is set", () => {
    const dir = tempDir();
    expect(buildConfig({ DATA_DIR: dir }).db).toEqual({ provider: "sqlite", url: `file:${join(dir, "app.db")}` });
    const pg = buildConfig({ DATA_DIR: dir, DATABASE_URL: "postgresql://u@h:5432/app?schema=eca" }).db;
    expect(pg).toEqual({ provider: "postgresql", url: "postgresql://u@h:5432/app", schema: "eca" });
  });

  it("exposes GitHub sign-in and the admin preset only when configured", () => {
    const dir = tempDir();
    expect(buildConfig({ DATA_DIR: dir }).github).toBeUndefined();
    const config = buildConfig({
      DATA_DIR: dir,
      GITHUB_ID: "id",
      GITHUB_SECRET: "secret",
      ADMIN_EMAIL: "root@example.com",
      ADMIN_PASSWORD: "correct horse battery",
    });
    expect(config.github).toEqual({ clientId: "id", clientSecret: "secret" });
    expect(config.adminPreset).toEqual({ email: "root@example.com", password: "correct horse battery" });
  });

  it("checks the AI settings at start, with every other variable", () => {
    const dir = tempDir();
    expect(buildConfig({ DATA_DIR: dir, OLLAMA_BASE_URL: "http://localhost:11434" }).ai.providers).toEqual({
      ollama: { baseURL: "http://localhost:11434" },
    });
    expect(() => buildConfig({ DATA_DIR: dir, AI_FALLBACK_MODELS: "anthropic:claude-haiku-4-5" })).toThrow(ConfigError);
    expect(() => buildConfig({ DATA_DIR: dir, PORT: "x", AI_MAX_RETRIES: "many" })).toThrow(/PORT[\s\S]*AI_MAX_RETRIES/);
  });
});
