import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { ConfigError } from "./errors";

describe("parseEnv", () => {
  it("fills documented defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: "0.0.0.0", DATA_DIR: "./data", ALLOW_REGISTRATION: true, LOG_LEVEL: "info", WEBHOOK_ALLOW_PRIVATE: false });
    expect(parseEnv({ WEBHOOK_ALLOW_PRIVATE: "true" }).WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32/);
    expect(() => parseEnv({ ALLOW_REGISTRATION: "maybe" })).toThrow(/ALLOW_REGISTRATION/);
    expect(() => parseEnv({ WEBHOOK_ALLOW_PRIVATE: "sure" })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
  });

  it("requires admin and GitHub settings in pairs", () => {
    expect(() => parseEnv({ ADMIN_EMAIL: "a@example.com" })).toThrow(/ADMIN_PASSWORD/);
    expect(() => parseEnv({ GITHUB_ID: "id" })).toThrow(/GITHUB_SECRET/);
    const env = parseEnv({ ADMIN_EMAIL: "a@example.com", ADMIN_PASSWORD: "long enough 1", GITHUB_ID: "i", GITHUB_SECRET: "s" });
    expect(env.ADMIN_EMAIL).toBe("a@example.com");
  });

  it("treats empty strings as unset and parses flags", () => {
    const env = parseEnv({ DATABASE_URL: "", GITHUB_ID: " ", GITHUB_SECRET: "", ALLOW_REGISTRATION: "false" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.GITHUB_ID).toBeUndefined();
    expect(env.ALLOW_REGISTRATION).toBe(false);
  });
});
