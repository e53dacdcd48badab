import { parseAiConfig, type AiConfig } from "../../config/ai";
import { createBreakerRegistry, type BreakerRegistry } from "../resilience/breaker-registry";
import type { ChatEvent } from "../stream-chat";

/**
 * Settings that keep failure tests fast: one retry, tiny backoff, and stall timeouts short enough
 * for stall tests yet long enough that a busy CI machine (first SDK load, JIT) never trips them.
 */
const FAST_SETTINGS = {
  AI_REQUEST_TIMEOUT_MS: "10000",
  AI_FIRST_TOKEN_TIMEOUT_MS: "2500",
  AI_STREAM_IDLE_TIMEOUT_MS: "2500",
  AI_MAX_RETRIES: "1",
  AI_RETRY_BASE_DELAY_MS: "10",
  AI_RETRY_MAX_DELAY_MS: "2000",
};

export function testConfig(env: Record<string, string>): AiConfig {
  return parseAiConfig({ ...FAST_SETTINGS, ...env });
}

/** Config plus a fresh breaker registry on a clock the test moves by hand. */
export function testDeps(env: Record<string, string>) {
  const clock = { now: 1_000_000 };
  const config = testConfig(env);
  const breakers: BreakerRegistry = createBreakerRegistry({ ...config.breaker, now: () => clock.now });
  return { config, breakers, clock, random: () => 0.5 };
}

export async function collectEvents(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const seen: ChatEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

export function textOf(events: readonly ChatEvent[]): string {
  return events.map((e) => (e.type === "text" ? e.delta : "")).join("");
}

export function typesOf(events: readonly ChatEvent[]): string[] {
  return events.map((e) => e.type);
}
