/**
 * The browser's base URL of the collab sidecar: the configured public URL when there is one
 * (e.g. behind a reverse proxy), otherwise the page's host on the sidecar's port, with `wss:` when
 * the page itself came over HTTPS.
 */
export function collabBaseUrl(input: {
  publicUrl?: string | null;
  port: number;
  page: { protocol: string; hostname: string };
}): string {
  if (input.publicUrl) return input.publicUrl.replace(/\/+$/, "");
  const scheme = input.page.protocol === "https:" ? "wss:" : "ws:";
  const host = input.page.hostname.includes(":") ? `[${input.page.hostname}]` : input.page.hostname;
  return `${scheme}//${host}:${input.port}`;
}

/** The JSON events socket of a room. */
export function collabEventsUrl(base: string, roomId: string, token: string): string {
  return `${base}/events/${encodeURIComponent(roomId)}?token=${encodeURIComponent(token)}`;
}
