/** What a person reads for each sign-in error code (ours and next-auth's). */
const MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: "Wrong email or password.",
  CredentialsSignin: "Wrong email or password.",
  RATE_LIMITED: "Too many failed attempts. Wait a few minutes and try again.",
  ACCOUNT_DISABLED: "This account has been disabled. Contact an admin.",
  REGISTRATION_CLOSED: "Registration is closed. Ask an admin to create your account.",
  EMAIL_TAKEN: "An account with this email already exists. Sign in with your password.",
  GITHUB_NO_EMAIL: "GitHub did not share an email address for this account.",
  SESSION_ENDED: "Your session has ended. Please sign in again.",
  OAuthSignin: "Could not start GitHub sign-in. Try again.",
  OAuthCallback: "GitHub sign-in did not complete. Try again.",
  AccessDenied: "Access denied.",
};

/** The wait of a rate-limited sign-in (error `RATE_LIMITED:<seconds>`); null for any other error. */
export function rateLimitedSignIn(code: string | null | undefined): number | null {
  const match = /^RATE_LIMITED:(\d{1,6})$/.exec(code ?? "");
  return match ? Number(match[1]) : null;
}

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  const seconds = rateLimitedSignIn(code);
  if (seconds !== null) return `Too many failed attempts. Try again in ${seconds} s.`;
  return MESSAGES[code] ?? "Sign-in failed. Try again.";
}

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeCallbackPath(raw: string | null | undefined): string {
  if (!raw) return "/";
  try {
    const url = new URL(raw, "http://local.invalid");
    if (url.origin !== "http://local.invalid") return "/";
    if (url.pathname.startsWith("/signin") || url.pathname.startsWith("/register")) return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}
