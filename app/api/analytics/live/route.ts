import { requireApiUser, route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { liveCounters } from "@/lib/analytics/live";
import { LiveConnections, liveStream } from "@/lib/analytics/live-stream";
import { getConfig } from "@/lib/config";
import { rateLimited } from "@/lib/rate-limit/enforce";

export const dynamic = "force-dynamic";

const connections = ((globalThis as { __ecaLiveConnections?: LiveConnections }).__ecaLiveConnections ??= new LiveConnections(3));

/** Live dashboard counters as server-sent events (at most 3 open streams per user). */
export const GET = route(async (req, { log }) => {
  const user = await requireApiUser();
  // Open streams, not a rate: a closed tab frees one at once, so a short Retry-After.
  if (!connections.tryOpen(user.id)) throw rateLimited(5, "Too many live dashboard connections; close another tab.");
  const db = await getDb();
  const sidecarUrl = `http://127.0.0.1:${getConfig().env.COLLAB_PORT}`;
  const stream = liveStream({
    read: () => liveCounters(db, user, sidecarUrl),
    signal: req.signal,
    onClose: () => connections.release(user.id),
    onError: (err) => log.warn({ err }, "live counters failed"),
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no", Connection: "keep-alive" },
  });
});
