// Starts the real product (`node scripts/start.mjs`: production build, migrations, web + sidecar)
// on a fresh data folder for the HTTP benches, and gives them a user with an all-scope API token.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiToken } from "../../lib/auth/api-tokens";
import { API_SCOPES } from "../../lib/auth/scopes";
import { hashPassword } from "../../lib/auth/password";
import { toSessionUser } from "../../lib/auth/users";
import { connectDb, type Db } from "../../lib/db/client";

export interface ProductServer {
  baseUrl: string;
  token: string;
  /** The bench user's sign-in, for session (cookie) requests. */
  email: string;
  password: string;
  db: Db;
  userId: string;
  stop: () => Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the product exited with code ${child.exitCode} before it was healthy`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the product was not healthy within ${timeoutMs / 1000} s`);
}

/** The product talking to a fake OpenAI-compatible provider that serves the model `bench`. */
export function startProductOnFakeProvider(port: number, fakeBaseUrl: string): Promise<ProductServer> {
  return startProductServer(port, {
    OPENAI_COMPATIBLE_BASE_URL: fakeBaseUrl,
    OPENAI_COMPATIBLE_MODELS: "bench",
    AI_FIRST_TOKEN_TIMEOUT_MS: "30000",
    AI_STREAM_IDLE_TIMEOUT_MS: "30000",
  });
}

/** Signs in through next-auth's credentials flow, as the sign-in page does; returns the Cookie header. */
export async function signInSession(product: ProductServer): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${product.baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${product.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(), origin: product.baseUrl },
    body: new URLSearchParams({ csrfToken, email: product.email, password: product.password, json: "true" }),
  });
  keep(signIn);
  if (![...cookies.keys()].some((name) => name.endsWith("session-token"))) throw new Error(`sign-in failed: HTTP ${signIn.status}`);
  return header();
}

/** The product on `port` (sidecar on port + 100) with the given extra environment, e.g. a fake provider. */
export async function startProductServer(port: number, env: Record<string, string>): Promise<ProductServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "eca-bench-"));
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      COLLAB_PORT: String(port + 100),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      REDIS_URL: "",
      CHAT_RATE_LIMIT_PER_MINUTE: "10000",
      API_RATE_LIMIT_PER_MINUTE: "100000",
      ...env,
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(`${baseUrl}/api/health`, child, 15 * 60_000);
    const db = await connectDb({ provider: "sqlite", url: `file:${join(dataDir, "app.db")}` });
    const email = `bench-${crypto.randomUUID()}@example.com`;
    const password = `bench-${crypto.randomUUID()}`;
    const user = toSessionUser(await db.user.create({ data: { name: "Bench", email, passwordHash: await hashPassword(password) } }));
    const { token } = await createApiToken(db, user, { name: "bench", scopes: API_SCOPES.filter((s) => s !== "admin"), expiresInDays: 1 });
    return { baseUrl, token, email, password, db, userId: user.id, stop: async () => (await db.$disconnect(), await stop()) };
  } catch (err) {
    await stop();
    throw err;
  }
}
