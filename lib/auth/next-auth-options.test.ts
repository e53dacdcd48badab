import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildConfig } from "../config";
import type { Db } from "../db/client";
import { logger } from "../observability/logger";
import { parseTrustedProxies } from "../net/client-address";
import { createMemoryRateLimiter } from "../rate-limit/memory";
import { buildAuthOptions } from "./next-auth-options";
import { createSignInLimiters } from "./sign-in-limits";

function optionsFor(env: Record<string, string>) {
  const config = buildConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), "eca-auth-")), ...env });
  return buildAuthOptions({
    config,
    getDb: () => Promise.reject(new Error("no database in this test")) as Promise<Db>,
    limiters: createSignInLimiters((rule) => createMemoryRateLimiter(rule)),
    trustedProxies: parseTrustedProxies(undefined),
    isSessionValid: async () => true,
    log: logger,
  });
}

describe("buildAuthOptions", () => {
  it("offers email and password only, by default", () => {
    expect(optionsFor({}).providers.map((p) => p.id)).toEqual(["credentials"]);
  });

  it("adds GitHub when GITHUB_ID and GITHUB_SECRET are set", () => {
    expect(optionsFor({ GITHUB_ID: "id", GITHUB_SECRET: "secret" }).providers.map((p) => p.id)).toEqual([
      "credentials",
      "github",
    ]);
  });

  it("signs JWT sessions with the configured secret and sends people to our sign-in page", () => {
    const options = optionsFor({ AUTH_SECRET: "s".repeat(40) });
    expect(options.secret).toBe("s".repeat(40));
    expect(options.session?.strategy).toBe("jwt");
    expect(options.pages?.signIn).toBe("/signin");
  });
});
