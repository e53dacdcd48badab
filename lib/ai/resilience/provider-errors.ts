import { APICallError, RetryError } from "ai";

export type FailureKind = "timeout" | "network" | "rate_limit" | "server" | "auth" | "client" | "unknown";

/**
 * Which circuit breaker a failure is evidence against. `provider`: the provider cannot be reached
 * or refuses our credentials, so every model of it would fail. `model`: this model failed while
 * the provider itself may be fine (gateways and large APIs routinely fail one model at a time).
 * `none`: our request was at fault. Unclear cases count against the model: blaming the provider
 * would refuse its healthy models too.
 */
export type FailureScope = "provider" | "model" | "none";

export interface ProviderFailure {
  kind: FailureKind;
  scope: FailureScope;
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

// Failing to open a connection at all (refused, unknown host, unreachable): the provider's fault.
const CONNECT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT"]);
const NETWORK_CODES = new Set([
  ...CONNECT_CODES,
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
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

function errorCode(err: unknown): unknown {
  return err instanceof Error ? (err as { code?: unknown }).code : undefined;
}

function isNetworkError(err: unknown): boolean {
  return causes(err).some((e) => {
    if (!(e instanceof Error)) return false;
    const code = errorCode(e);
    return (typeof code === "string" && NETWORK_CODES.has(code)) || NETWORK_MESSAGES.includes(e.message.toLowerCase());
  });
}

function isConnectError(err: unknown): boolean {
  return causes(err).some((e) => {
    const code = errorCode(e);
    return typeof code === "string" && CONNECT_CODES.has(code);
  });
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

// 402: the account is out of credit (OpenRouter and others), which no other model of it escapes.
function scopeForStatus(status: number): FailureScope {
  if (status === 401 || status === 402 || status === 403) return "provider";
  if (status === 404 || status === 408 || status === 409 || status === 429 || status >= 500) return "model";
  return "none";
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
  if (/rate_limit/.test(label)) return { kind: "rate_limit", scope: "model", retryable: true, message: text };
  if (/overloaded|server_error|api_error|internal/.test(label)) return { kind: "server", scope: "model", retryable: true, message: text };
  if (/authentication|permission/.test(label)) return { kind: "auth", scope: "provider", retryable: false, message: text };
  if (/not_found/.test(label)) return { kind: "client", scope: "model", retryable: false, message: text };
  if (/invalid_request/.test(label)) return { kind: "client", scope: "none", retryable: false, message: text };
  return { kind: "unknown", scope: "model", retryable: false, message: text };
}

/** Decides what a provider error means for retrying, fallback and the breaker. */
export function classifyProviderError(err: unknown, now = Date.now()): ProviderFailure {
  if (RetryError.isInstance(err)) return classifyProviderError(err.lastError, now);
  if (err instanceof AiTimeoutError) return { kind: "timeout", scope: "model", retryable: true, message: err.message };
  if (APICallError.isInstance(err) && err.statusCode !== undefined && err.statusCode >= 400) {
    return {
      kind: kindForStatus(err.statusCode),
      scope: scopeForStatus(err.statusCode),
      retryable: isRetryableStatus(err.statusCode),
      status: err.statusCode,
      retryAfterMs: parseRetryAfter(err.responseHeaders, now),
      message: `HTTP ${err.statusCode}`,
    };
  }
  // Includes a 200 response whose body broke off ("Failed to process successful response").
  if (isNetworkError(err) || (APICallError.isInstance(err) && err.statusCode === undefined && err.isRetryable)) {
    const scope = isConnectError(err) ? "provider" : "model";
    return { kind: "network", scope, retryable: true, message: err instanceof Error ? err.message : "network error" };
  }
  if (err !== null && typeof err === "object" && !(err instanceof Error)) {
    const fromStream = classifyStreamErrorObject(err);
    if (fromStream) return fromStream;
  }
  return { kind: "unknown", scope: "model", retryable: false, message: err instanceof Error ? err.message : String(err) };
}
