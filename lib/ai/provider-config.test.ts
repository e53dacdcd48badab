import { describe, expect, it } from "vitest";
import { parseAiConfig } from "../config/ai";
import { assertProviderConfigured, describeProviderSetup } from "./provider-config";

describe("describeProviderSetup", () => {
  it("lists the configured providers", () => {
    const status = describeProviderSetup(parseAiConfig({ OLLAMA_BASE_URL: "http://localhost:11434", OPENAI_API_KEY: "sk" }));
    expect(status).toEqual({ configured: ["openai", "ollama"], message: "" });
  });

  it("says exactly which variables to set when none is configured", () => {
    const { configured, message } = describeProviderSetup(parseAiConfig({}));
    expect(configured).toEqual([]);
    for (const variable of ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OLLAMA_BASE_URL", "OPENAI_COMPATIBLE_BASE_URL"]) {
      expect(message).toContain(variable);
    }
  });

  it("raises AI_NOT_CONFIGURED with the variables as details", () => {
    expect(() => assertProviderConfigured(parseAiConfig({}))).toThrow(
      expect.objectContaining({ code: "AI_NOT_CONFIGURED", status: 503, details: expect.objectContaining({ variables: expect.arrayContaining(["OLLAMA_BASE_URL"]) }) }),
    );
    expect(() => assertProviderConfigured(parseAiConfig({ OPENAI_API_KEY: "sk" }), "anthropic")).toThrow(/ANTHROPIC_API_KEY=/);
  });
});
