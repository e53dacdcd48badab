export interface CspInput {
  /** Fresh per response; Next reads it back from the request's header and stamps its scripts. */
  nonce: string;
  /** The Host the page was requested on; the sidecar listens on the same host unless publicUrl says otherwise. */
  host: string;
  collab: { publicUrl?: string; port: number };
  /** `next dev` evaluates modules with eval for fast refresh. */
  dev: boolean;
}

/**
 * The pages' Content-Security-Policy: scripts only from this origin or carrying this response's
 * nonce; Monaco's workers from this origin (the bundler emits them as static chunks); styles inline
 * as Monaco and React style attributes need; sockets only to the collab sidecar.
 */
export function contentSecurityPolicy(input: CspInput): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${input.nonce}'`, ...(input.dev ? ["'unsafe-eval'"] : [])],
    "worker-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...collabSources(input)],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

function collabSources(input: CspInput): string[] {
  if (input.collab.publicUrl) return [new URL(input.collab.publicUrl).origin];
  const hostname = URL.parse(`http://${input.host}`)?.hostname;
  if (!hostname) return [];
  return [`ws://${hostname}:${input.collab.port}`, `wss://${hostname}:${input.collab.port}`];
}
