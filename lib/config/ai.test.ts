import { describe, expect, it } from "vitest";
import { parseAiConfig } from "./ai";
import { ConfigError } from "./errors";

describe("parseAiConfig", () => {
  it("configures nothing from an empty environment and fills the documented defaults", () => {
    const config = parseAiConfig({});
    expect(config.providers).toEqual({});
    expect(config.timeouts).toEqual({ requestMs: 300_000, firstTokenMs: 60_000, idleMs: 30_000 });
    expect(config.retry).toEqual({ maxRetries: 2, baseDelayMs: 500, maxDelayMs: 10_000 });
    expect(config.breaker).toEqual({ failureThreshold: 5, windowMs: 60_000, openMs: 30_000 });
    expect(config.catalogue).toEqual({ timeoutMs: 3_000, ttlMs: 60_000 });
    expect(config.fallbackModels).toEqual([]);
  });

  it("reads every provider, trimming trailing slashes and splitting model lists", () => {
    const config = parseAiConfig({
      OPENAI_API_KEY: "sk-1",
      OPENAI_BASE_URL: "https://proxy.example.com/v1/",
      ANTHROPIC_API_KEY: "sk-ant-1",
      OLLAMA_BASE_URL: "http://localhost:11434/",
      OPENAI_COMPATIBLE_BASE_URL: "http://localhost:8000/v1",
      OPENAI_COMPATIBLE_MODELS: " qwen , llama ,",
      AI_FALLBACK_MODELS: "anthropic:claude-haiku-4-5, ollama:llama3.1:8b",
      AI_MAX_RETRIES: "0",
    });
    expect(config.providers).toEqual({
      openai: { apiKey: "sk-1", baseURL: "https://proxy.example.com/v1" },
      anthropic: { apiKey: "sk-ant-1", baseURL: undefined },
      ollama: { baseURL: "http://localhost:11434" },
      "openai-compatible": { baseURL: "http://localhost:8000/v1", apiKey: undefined, models: ["qwen", "llama"] },
    });
    expect(config.fallbackModels).toEqual(["anthropic:claude-haiku-4-5", "ollama:llama3.1:8b"]);
    expect(config.retry.maxRetries).toBe(0);
  });

  it("treats empty strings as unset", () => {
    expect(parseAiConfig({ OPENAI_API_KEY: " ", OLLAMA_BASE_URL: "", AI_MAX_RETRIES: "" })).toMatchObject({
      providers: {},
      retry: { maxRetries: 2 },
    });
  });

  it.each([
    [{ OLLAMA_BASE_URL: "localhost:11434" }, /OLLAMA_BASE_URL: must be an http\(s\) URL/],
    [{ AI_REQUEST_TIMEOUT_MS: "soon" }, /AI_REQUEST_TIMEOUT_MS: must be a number of milliseconds/],
    [{ AI_FIRST_TOKEN_TIMEOUT_MS: "0" }, /AI_FIRST_TOKEN_TIMEOUT_MS/],
    [{ AI_MAX_RETRIES: "2.5" }, /AI_MAX_RETRIES/],
    [{ AI_RETRY_BASE_DELAY_MS: "5000", AI_RETRY_MAX_DELAY_MS: "100" }, /AI_RETRY_MAX_DELAY_MS/],
    [{ OPENAI_BASE_URL: "https://x.example.com" }, /OPENAI_BASE_URL: is set but OPENAI_API_KEY is not/],
    [{ OPENAI_COMPATIBLE_MODELS: "a" }, /OPENAI_COMPATIBLE_MODELS: is set but OPENAI_COMPATIBLE_BASE_URL is not/],
    [{ AI_FALLBACK_MODELS: "gpt-5" }, /AI_FALLBACK_MODELS/],
    [{ AI_FALLBACK_MODELS: "anthropic:claude-haiku-4-5" }, /AI_FALLBACK_MODELS: anthropic:claude-haiku-4-5 use a provider that is not configured/],
  ])("rejects %o naming the variable", (env, message) => {
    expect(() => parseAiConfig(env)).toThrow(ConfigError);
    expect(() => parseAiConfig(env)).toThrow(message);
  });
});
