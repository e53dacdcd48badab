import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { AppConfig } from "../config";
import type { Db } from "../db/client";
import { isAppError } from "../errors/app-error";
import type { Logger } from "../observability/logger";
import type { RateLimiter } from "./rate-limit";
import { credentialsSchema } from "./schemas";
import { authenticate, findOrCreateGithubUser } from "./users";

export interface AuthDeps {
  config: AppConfig;
  getDb: () => Promise<Db>;
  limiters: { byEmail: RateLimiter; byIp: RateLimiter };
  log: Logger;
}

const SESSION_MAX_AGE_S = 7 * 24 * 3600;

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || "unknown";
}

/**
 * next-auth configuration. Sessions are JWTs carrying only the user id; every request reloads the
 * user (role, disabled) from the database, so admin changes apply on the next request.
 * Authorization errors surface to the client as stable error codes.
 */
export function buildAuthOptions({ config, getDb, limiters, log }: AuthDeps): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new Error("INVALID_CREDENTIALS");
        try {
          const user = await authenticate(await getDb(), { ...parsed.data, ip: clientIp(req?.headers) }, limiters);
          return { id: user.id, email: user.email, name: user.name };
        } catch (err) {
          if (isAppError(err)) {
            log.info({ code: err.code }, "sign-in refused");
            throw new Error(err.code);
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
      error: (code, metadata) => log.error({ code, metadata }, "next-auth error"),
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
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
