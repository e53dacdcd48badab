import { AppError } from "../errors/app-error";
import { PASSWORD_MIN_LENGTH } from "./schemas";

let common: Promise<Set<string>> | undefined;

/**
 * The 49k most common passwords shipped by @zxcvbn-ts/language-common (offline, maintained),
 * loaded on first use only; shorter ones can never pass the length rule, so they are not kept.
 */
function commonPasswords(): Promise<Set<string>> {
  common ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set(dictionary["passwords-common"].filter((p) => p.length >= PASSWORD_MIN_LENGTH).map((p) => p.toLowerCase())),
  );
  return common;
}

/** Why `password` is not acceptable for the account `email`; null when it is. */
export async function passwordProblem(password: string, email: string): Promise<string | null> {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split("@")[0] ?? "";
  if (lower.includes(address) || (local.length >= 4 && lower.includes(local))) {
    return "Do not use your email address in your password.";
  }
  if ((await commonPasswords()).has(lower)) return "This password is one of the most common ones. Choose another.";
  return null;
}

/** Throws VALIDATION_FAILED naming the password field when the policy refuses it. */
export async function assertPasswordAllowed(password: string, email: string): Promise<void> {
  const problem = await passwordProblem(password, email);
  if (problem) throw new AppError("VALIDATION_FAILED", problem, { fieldErrors: { password: problem } });
}
