import { AppError } from "../errors/app-error";

/** Stable reasons a document is refused; each is also an `AppError` code with its HTTP status. */
export const KNOWLEDGE_ERROR_CODES = [
  "UNSUPPORTED_TYPE",
  "TOO_LARGE",
  "EMPTY",
  "CORRUPT",
  "ENCRYPTED",
  "UNSAFE_ARCHIVE",
  "NO_TEXT",
  "LOW_QUALITY",
] as const;

export type KnowledgeErrorCode = (typeof KNOWLEDGE_ERROR_CODES)[number];

/** A document the pipeline refuses; the message is written for the person who uploaded it. */
export class KnowledgeError extends AppError {
  declare readonly code: KnowledgeErrorCode;

  constructor(code: KnowledgeErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = "KnowledgeError";
  }
}

export function isKnowledgeError(err: unknown): err is KnowledgeError {
  return err instanceof KnowledgeError;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const megabytes = bytes / (1024 * 1024);
  return `${megabytes < 10 ? megabytes.toFixed(1).replace(/\.0$/, "") : Math.round(megabytes)} MB`;
}
