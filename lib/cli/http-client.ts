import { z } from "zod";
import { CliError, EXIT, exitCodeForStatus } from "./exit-codes";

export interface ClientOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
  /** Limit for a whole non-streaming request. */
  timeoutMs?: number;
  /** Told before the client sleeps out a rate limit (429 with a short Retry-After). */
  onRateLimitWait?: (seconds: number) => void;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  /** A streamed body, made anew for each attempt (a stream can be sent only once). */
  body?: () => ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
  /** Streaming answers run as long as the server keeps sending; no overall timeout. */
  stream?: boolean;
}

const DEFAULT_TIMEOUT_MS = 120_000;
// A folder push or upload can outrun the per-minute API limit: waits up to a minute are sat out, a few times.
const MAX_RATE_LIMIT_WAIT_S = 60;
const MAX_RATE_LIMIT_RETRIES = 5;

/** The REST API v1 as the CLI sees it: bearer token, JSON, errors turned into CliErrors with exit codes. */
export class ApiClient {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly onRateLimitWait: (seconds: number) => void;

  constructor(options: ClientOptions) {
    this.baseUrl = options.url.replace(/\/+$/, "");
    this.token = options.token;
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.onRateLimitWait = options.onRateLimitWait ?? (() => {});
  }

  /** The raw response of a successful request; any error status becomes a CliError. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(method, path, options);
      if (response.ok) return response;
      const wait = Number(response.headers.get("retry-after") ?? Number.NaN);
      if (response.status !== 429 || !(wait >= 0 && wait <= MAX_RATE_LIMIT_WAIT_S) || attempt >= MAX_RATE_LIMIT_RETRIES) {
        throw await responseError(response);
      }
      await response.body?.cancel();
      this.onRateLimitWait(wait);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: "application/json", ...options.headers };
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.body) {
      body = options.body();
    }
    try {
      return await this.fetchImpl(url, {
        method,
        headers,
        body,
        // Node's fetch needs this to send a stream as the body.
        ...(options.body ? { duplex: "half" } : {}),
        signal: options.stream ? undefined : AbortSignal.timeout(this.timeoutMs),
      } as RequestInit);
    } catch (err) {
      throw networkError(this.baseUrl, err);
    }
  }

  /** A JSON answer checked against `schema`: an answer of another shape is a server error, not a crash. */
  async json<S extends z.ZodType>(schema: S, method: string, path: string, options: RequestOptions = {}): Promise<z.output<S>> {
    const response = await this.request(method, path, options);
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      throw new CliError(EXIT.server, `The server's answer to ${method} ${path} is not JSON.`);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new CliError(EXIT.server, `Unexpected answer from ${method} ${path}: ${parsed.error.issues[0]?.message ?? "wrong shape"}.`);
    }
    return parsed.data;
  }

  /** Every item of a paginated list, following `nextCursor` (at most `maxItems`). */
  async all<S extends z.ZodType>(itemSchema: S, path: string, query: RequestOptions["query"] = {}, maxItems = 10_000): Promise<z.output<S>[]> {
    const items: z.output<S>[] = [];
    let cursor: string | undefined;
    const pageSchema = z.object({ items: z.array(itemSchema), nextCursor: z.string().nullable().optional() });
    do {
      const page = await this.json(pageSchema, "GET", path, { query: { ...query, limit: 200, cursor } });
      items.push(...(page.items as z.output<S>[]));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < maxItems);
    return items;
  }
}

/** The server's `{error: {code, message}}` as a CliError; a bare status when the body says nothing. */
export async function responseError(response: Response): Promise<CliError> {
  const exitCode = exitCodeForStatus(response.status);
  let code: string | undefined;
  let message = `The server answered ${response.status} ${response.statusText}`.trim() + ".";
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.message === "string") message = body.error.message;
    if (typeof body.error?.code === "string") code = body.error.code;
  } catch {
    // Not JSON (a proxy's error page): the status line says enough.
  }
  const retryAfter = response.headers.get("retry-after");
  if (response.status === 429 && retryAfter && !message.includes(retryAfter)) message += ` Retry after ${retryAfter} s.`;
  return new CliError(exitCode, message, code);
}

function networkError(baseUrl: string, err: unknown): CliError {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return new CliError(EXIT.server, `${baseUrl} did not answer in time.`);
  }
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
  return new CliError(EXIT.server, `Cannot reach ${baseUrl}: ${cause}`);
}
