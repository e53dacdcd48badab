/** Stable error codes and the HTTP status each maps to. Clients may rely on the codes. */
const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  // Why an API token was refused (lib/auth/api-tokens.ts).
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  CROSS_ORIGIN: 403,
  ACCOUNT_DISABLED: 403,
  REGISTRATION_CLOSED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  // Why a document could not be added to the knowledge base (lib/knowledge).
  UNSUPPORTED_TYPE: 415,
  TOO_LARGE: 413,
  EMPTY: 422,
  CORRUPT: 422,
  ENCRYPTED: 422,
  UNSAFE_ARCHIVE: 422,
  NO_TEXT: 422,
  LOW_QUALITY: 422,
  INTERNAL: 500,
  AI_PROVIDER_FAILED: 502,
  UNAVAILABLE: 503,
  AI_NOT_CONFIGURED: 503,
  AI_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Safe to show to the client (never stack traces or internals). */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId?: string; details?: Record<string, unknown> };
}

/** What a client may see of an error: app errors as they are, anything else as a generic 500. */
export function publicError(err: unknown, requestId?: string): { status: number; body: ErrorBody } {
  if (isAppError(err)) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, requestId, details: err.details } },
    };
  }
  return {
    status: 500,
    body: { error: { code: "INTERNAL", message: "Something went wrong on our side.", requestId } },
  };
}
