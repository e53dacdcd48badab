import { APICallError, RetryError } from "ai";

export type FailureKind = "timeout" | "network" | "rate_limit" | "server" | "auth" | "client" | "unknown";

export interface ProviderFailure {
  kind: FailureKind;
  retryable: boolean;
  /** HTTP status when the provider answered with an error status. */
  status?: number;
  /** What the provider asked us to wait before retrying, from retry-after(-ms). */
  retryAfterMs?: number;
  /** Short and safe to log; never includes response bodies. */
  message: string;
}

export type TimeoutPhase = "first_token" | "idle" | "request";

/** Raised by our own timers; the SDK only ever sees it as the reason of an abort. */
export class AiTimeoutError extends Error {
  constructor(
    readonly phase: TimeoutPhase,
    readonly ms: number,
  ) {
    super(
      phase === "first_token"
        ? `no first token within ${ms} ms`
        : phase === "idle"
          ? `stream silent for ${ms} ms`
          : `request exceeded ${ms} ms`,
    );
    this.name = "AiTimeoutError";
  }
}

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);
// undici reports a body cut off mid-way as TypeError("terminated").
const NETWORK_MESSAGES = ["terminated", "fetch failed", "failed to fetch", "other side closed", "socket hang up"];

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = err; current !== undefined && current !== null && !chain.includes(current); ) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

function isNetworkError(err: unknown): boolean {
  return causes(err).some((e) => {
    if (!(e instanceof Error)) return false;
    const code = (e as { code?: unknown }).code;
    return (typeof code === "string" && NETWORK_CODES.has(code)) || NETWORK_MESSAGES.includes(e.message.toLowerCase());
  });
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function kindForStatus(status: number): FailureKind {
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limit";
  if (status === 401 || status === 403) return "auth";
  if (status === 409 || status >= 500) return "server";
  return "client";
}

/** Milliseconds from `retry-after-ms` or `retry-after` (seconds or an HTTP date); undefined if absent. */
export function parseRetryAfter(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = Number(lower["retry-after-ms"]);
  if (lower["retry-after-ms"] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = lower["retry-after"]?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// Errors sent inside a stream (Anthropic `event: error`, OpenAI `{"error": ...}` chunks) arrive as plain objects.
function classifyStreamErrorObject(err: object): ProviderFailure | undefined {
  const { type, code, message } = err as { type?: unknown; code?: unknown; message?: unknown };
  const label = [type, code].filter((v): v is string => typeof v === "string").join(" ");
  if (!label) return undefined;
  const text = typeof message === "string" ? `${label}: ${message}` : label;
  if (/rate_limit/.test(label)) return { kind: "rate_limit", retryable: true, message: text };
  if (/overloaded|server_error|api_error|internal/.test(label)) return { kind: "server", retryable: true, message: text };
  if (/authentication|permission/.test(label)) return { kind: "auth", retryable: false, message: text };
  if (/invalid_request|not_found/.test(label)) return { kind: "client", retryable: false, message: text };
  return { kind: "unknown", retryable: false, message: text };
}

/** Decides what a provider error means for retrying, fallback and the breaker. */
export function classifyProviderError(err: unknown, now = Date.now()): ProviderFailure {
  if (RetryError.isInstance(err)) return classifyProviderError(err.lastError, now);
  if (err instanceof AiTimeoutError) return { kind: "timeout", retryable: true, message: err.message };
  if (APICallError.isInstance(err) && err.statusCode !== undefined && err.statusCode >= 400) {
    return {
      kind: kindForStatus(err.statusCode),
      retryable: isRetryableStatus(err.statusCode),
      status: err.statusCode,
      retryAfterMs: parseRetryAfter(err.responseHeaders, now),
      message: `HTTP ${err.statusCode}`,
    };
  }
  // Includes a 200 response whose body broke off ("Failed to process successful response").
  if (isNetworkError(err) || (APICallError.isInstance(err) && err.statusCode === undefined && err.isRetryable)) {
    return { kind: "network", retryable: true, message: err instanceof Error ? err.message : "network error" };
  }
  if (err !== null && typeof err === "object" && !(err instanceof Error)) {
    const fromStream = classifyStreamErrorObject(err);
    if (fromStream) return fromStream;
  }
  return { kind: "unknown", retryable: false, message: err instanceof Error ? err.message : String(err) };
}

/** Whether a failure says something about the provider's health (rather than about our request). */
export function countsAgainstProvider(kind: FailureKind): boolean {
  return kind !== "auth" && kind !== "client";
}
