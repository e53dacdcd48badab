import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { AppConfig } from "../config";
import type { Db } from "../db/client";
import { isAppError } from "../errors/app-error";
import { clientAddress, type TrustedProxies } from "../net/client-address";
import type { Logger } from "../observability/logger";
import { credentialsSchema } from "./schemas";
import { SESSION_REVOKED, type SessionValidity } from "./session-validity";
import type { SignInLimiters } from "./sign-in-limits";
import { authenticate, findOrCreateGithubUser } from "./users";

export interface AuthDeps {
  config: AppConfig;
  getDb: () => Promise<Db>;
  limiters: SignInLimiters;
  trustedProxies: TrustedProxies;
  isSessionValid: SessionValidity;
  log: Logger;
}

const SESSION_MAX_AGE_S = 7 * 24 * 3600;

/**
 * What authorize throws, as next-auth passes it on in `?error=`: the stable code, and for
 * RATE_LIMITED the wait (`RATE_LIMITED:42`), which the auth route turns into 429 + Retry-After.
 */
function signInErrorCode(err: { code: string; details?: Record<string, unknown> }): string {
  const seconds = err.details?.retryAfterSeconds;
  return err.code === "RATE_LIMITED" && typeof seconds === "number" ? `${err.code}:${seconds}` : err.code;
}

/**
 * next-auth configuration. Sessions are JWTs carrying the user id and the sign-in time; every use
 * checks (cached briefly) that the account is enabled and was not disabled since that sign-in, so a
 * disabled user's cookies stop working and re-enabling does not revive them.
 * Authorization errors surface to the client as stable error codes.
 */
export function buildAuthOptions({ config, getDb, limiters, trustedProxies, isSessionValid, log }: AuthDeps): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new Error("INVALID_CREDENTIALS");
        try {
          const ip = clientAddress(req?.headers, trustedProxies);
          const user = await authenticate(await getDb(), { ...parsed.data, ip }, limiters);
          return { id: user.id, email: user.email, name: user.name };
        } catch (err) {
          if (isAppError(err)) {
            log.info({ code: err.code }, "sign-in refused");
            throw new Error(signInErrorCode(err));
          }
          log.error({ err }, "sign-in failed");
          throw new Error("INTERNAL");
        }
      },
    }),
  ];
  if (config.github) {
    providers.push(GitHubProvider({ clientId: config.github.clientId, clientSecret: config.github.clientSecret }));
  }

  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    logger: {
      error: (code, metadata) => {
        if ((metadata as { message?: unknown } | undefined)?.message === SESSION_REVOKED) log.info({ code }, "session ended: account disabled");
        else log.error({ code, metadata }, "next-auth error");
      },
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "github") return true;
        const email = user.email ?? (profile as { email?: string } | undefined)?.email;
        if (!email) return "/signin?error=GITHUB_NO_EMAIL";
        try {
          const local = await findOrCreateGithubUser(
            await getDb(),
            { githubId: String(account.providerAccountId), email, name: user.name ?? email },
            { allowRegistration: config.allowRegistration },
          );
          user.id = local.id;
          return true;
        } catch (err) {
          if (isAppError(err)) return `/signin?error=${err.code}`;
          throw err;
        }
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.authTime = Date.now();
          return token;
        }
        // Throwing makes next-auth clear the cookie and answer no session.
        if (!token.sub || !(await isSessionValid(token.sub, Number(token.authTime ?? 0)))) throw new Error(SESSION_REVOKED);
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
