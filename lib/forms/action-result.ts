import type { ZodError } from "zod";
import { isAppError } from "../errors/app-error";

/** What a server action answers a form: success, or a message and per-field errors. */
export type ActionResult<Field extends string = string> =
  | { ok: true }
  | { ok: false; code: string; message?: string; fieldErrors?: Partial<Record<Field, string>> };

export function validationFailure<Field extends string>(error: ZodError): ActionResult<Field> {
  const fieldErrors: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0]) as Field] ??= issue.message;
  return { ok: false, code: "VALIDATION_FAILED", fieldErrors };
}

/** Maps an error thrown by lib to a form answer; unknown errors become a generic message. */
export function failureFrom<Field extends string>(err: unknown): ActionResult<Field> | null {
  if (!isAppError(err)) return null;
  return { ok: false, code: err.code, message: err.message };
}

export const INTERNAL_FAILURE = {
  ok: false,
  code: "INTERNAL",
  message: "Something went wrong on our side. Try again.",
} as const;
