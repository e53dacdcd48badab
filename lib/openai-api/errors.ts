import { publicError, type ErrorCode } from "../errors/app-error";

/** OpenAI's error body: clients (the `openai` package among them) read `message`, `type` and `code`. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string };
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "invalid_request_error",
  415: "invalid_request_error",
  429: "rate_limit_error",
};

/** The OpenAI code for ours where OpenAI has one clients look for; otherwise our stable code, lower-cased. */
const OPENAI_CODE: Partial<Record<ErrorCode, string>> = {
  TOKEN_INVALID: "invalid_api_key",
  UNAUTHENTICATED: "invalid_api_key",
  RATE_LIMITED: "rate_limit_exceeded",
};

export function toOpenAiError(code: ErrorCode, status: number, message: string): OpenAiErrorBody {
  const type = TYPE_BY_STATUS[status] ?? (status >= 500 ? "server_error" : "invalid_request_error");
  return { error: { message, type, param: null, code: OPENAI_CODE[code] ?? code.toLowerCase() } };
}

/** Any error as OpenAI's shape and status; unknown errors stay a generic 500 (see publicError). */
export function openAiErrorBody(
  err: unknown,
  requestId?: string,
): { status: number; body: OpenAiErrorBody & { error: { requestId?: string; details?: Record<string, unknown> } } } {
  const { status, body } = publicError(err, requestId);
  const shaped = toOpenAiError(body.error.code, status, body.error.message);
  return { status, body: { error: { ...shaped.error, requestId, details: body.error.details } } };
}
