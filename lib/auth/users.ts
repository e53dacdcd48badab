import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { assertPasswordAllowed } from "./password-policy";
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from "./password";
import { assertSignInAllowed, recordSignInFailure, recordSignInSuccess, type SignInLimiters } from "./sign-in-limits";
import { roleSchema, type SessionUser } from "./roles";
import type { RegistrationInput } from "./schemas";

type UserRow = Awaited<ReturnType<Db["user"]["findUnique"]>> & {};

function toSessionUser(user: UserRow): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: roleSchema.parse(user.role) };
}

/**
 * Creates an account. The first account ever becomes `admin`; the count and the insert share one
 * serializable transaction so two simultaneous first sign-ups cannot both become admin.
 */
async function createAccount(
  db: Db,
  data: { email: string; name: string; passwordHash?: string; githubId?: string },
  options: { allowRegistration: boolean },
): Promise<SessionUser> {
  const user = await db.$transaction(
    async (tx) => {
      const count = await tx.user.count();
      if (count > 0 && !options.allowRegistration) {
        throw new AppError("REGISTRATION_CLOSED", "Registration is closed. Ask an admin for an account.");
      }
      if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
        throw new AppError("EMAIL_TAKEN", "An account with this email already exists.");
      }
      return tx.user.create({ data: { ...data, role: count === 0 ? "admin" : "member" } });
    },
    { isolationLevel: "Serializable" },
  );
  return toSessionUser(user);
}

export async function registerUser(db: Db, input: RegistrationInput, options: { allowRegistration: boolean }) {
  await assertPasswordAllowed(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  return createAccount(db, { email: input.email, name: input.name, passwordHash }, options);
}

export interface LoginAttempt {
  email: string;
  password: string;
  /** The client's address as lib/net/client-address.ts derives it. */
  ip: string;
}

/**
 * Checks credentials with one generic failure message. Failures count per (email, address), per
 * address and per email (see sign-in-limits.ts); a success clears that address's count for the email.
 */
export async function authenticate(db: Db, attempt: LoginAttempt, limiters: SignInLimiters): Promise<SessionUser> {
  const source = { email: attempt.email, address: attempt.ip };
  await assertSignInAllowed(limiters, source);
  const user = await db.user.findUnique({ where: { email: attempt.email } });
  const ok = user?.passwordHash
    ? await verifyPassword(attempt.password, user.passwordHash)
    : (await verifyPassword(attempt.password, await DUMMY_HASH_PROMISE), false);
  if (!user || !ok) {
    await recordSignInFailure(limiters, source);
    throw new AppError("INVALID_CREDENTIALS", "Wrong email or password.");
  }
  if (user.disabled) {
    throw new AppError("ACCOUNT_DISABLED", "This account has been disabled. Contact an admin.");
  }
  await recordSignInSuccess(limiters, source);
  return toSessionUser(user);
}

/** Creates the operator's preset admin when the database has no user yet. Returns whether it did. */
export async function ensurePresetAdmin(db: Db, preset: { email: string; password: string; name?: string }) {
  if ((await db.user.count()) > 0) return false;
  await db.user.create({
    data: {
      email: preset.email.trim().toLowerCase(),
      name: preset.name ?? "Admin",
      passwordHash: await hashPassword(preset.password),
      role: "admin",
    },
  });
  return true;
}

export interface GithubProfile {
  githubId: string;
  email: string;
  name: string;
}

/**
 * Finds the account linked to a GitHub identity or creates one. An existing password account with
 * the same email is not linked silently (that would let a GitHub account take it over).
 */
export async function findOrCreateGithubUser(
  db: Db,
  profile: GithubProfile,
  options: { allowRegistration: boolean },
): Promise<SessionUser> {
  const linked = await db.user.findUnique({ where: { githubId: profile.githubId } });
  if (linked) {
    if (linked.disabled) throw new AppError("ACCOUNT_DISABLED", "This account has been disabled.");
    return toSessionUser(linked);
  }
  const email = profile.email.trim().toLowerCase();
  return createAccount(db, { email, name: profile.name, githubId: profile.githubId }, options);
}

const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * Loads the active user behind a session; null when the account is gone or disabled. Updates
 * `lastSeenAt` at most once a minute to keep reads cheap.
 */
export async function loadActiveUser(db: Db, userId: string, now = new Date()): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || user.disabled) return null;
  if (!user.lastSeenAt || now.getTime() - user.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.user.update({ where: { id: user.id }, data: { lastSeenAt: now } });
  }
  return toSessionUser(user);
}
