import { createServer, type Server } from "node:http";
import { createUsageEventSink } from "../../lib/analytics/usage-events";
import { loadConfigOrExit } from "../../lib/config/load";
import { connectDb } from "../../lib/db/client";
import { ORPHAN_MIN_AGE_MS, removeOrphanUploads } from "../../lib/knowledge/orphan-uploads";
import { createThreadRunner } from "../../lib/knowledge/queue/pipeline-runner";
import { startIngestWorker } from "../../lib/knowledge/queue/worker";
import { createAiEmbedder, embedPendingChunks } from "../../lib/knowledge/search/embeddings";
import { knowledgeSettings } from "../../lib/knowledge/settings";
import { uploadsDir } from "../../lib/knowledge/storage";
import { logger } from "../../lib/observability/logger";
import { metricsRegistry } from "../../lib/observability/metrics";
import { startWebhookWorker } from "../../lib/webhooks/worker";
import { exitGracefully } from "../graceful-exit";

const log = logger.child({ component: "ingest" });

function metricsServer(port: number, host: string): Server {
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/metrics") {
      void metricsRegistry.metrics().then((body) => {
        res.writeHead(200, { "content-type": metricsRegistry.contentType });
        res.end(body);
      });
      return;
    }
    res.writeHead(404).end();
  });
  return server.listen(port, host);
}

/**
 * The ingestion worker process (`node --import tsx server/ingest/worker.ts`): claims jobs from the
 * database queue, one pipeline thread per concurrency slot, and delivers queued webhooks. SIGTERM/SIGINT: stop claiming, let
 * running files finish (or hand them back to the queue), disconnect, exit 0.
 */
export async function startIngestProcess(): Promise<void> {
  const config = loadConfigOrExit(log);
  const settings = knowledgeSettings(config.env);
  const db = await connectDb(config.db);
  const embedder = settings.embeddingModel ? createAiEmbedder(settings.embeddingModel, config.ai) : undefined;
  const uploads = uploadsDir(config.dataDir);
  const worker = startIngestWorker({
    db,
    uploadsDir: uploads,
    options: settings.ingest,
    usage: createUsageEventSink(db),
    log,
    concurrency: settings.concurrency,
    createRunner: () => createThreadRunner({ timeoutMs: settings.jobTimeoutMs, memoryMb: settings.jobMemoryMb }),
    ...(embedder && { onIdle: async () => (await embedPendingChunks(db, embedder)) > 0 }),
  });
  // Webhook deliveries ride along in this long-running process, so `npm start` needs no other service.
  const webhooks = startWebhookWorker({ db, log: logger.child({ component: "webhooks" }), allowPrivate: config.env.WEBHOOK_ALLOW_PRIVATE });
  const metrics = config.env.KNOWLEDGE_WORKER_METRICS_PORT > 0 ? metricsServer(config.env.KNOWLEDGE_WORKER_METRICS_PORT, config.env.HOST) : null;

  const sweep = () =>
    removeOrphanUploads(db, uploads)
      .then((removed) => removed > 0 && log.info({ removed }, "removed uploads no document refers to"))
      .catch((err: unknown) => log.warn({ err }, "sweeping orphaned uploads failed"));
  void sweep();
  const sweeper = setInterval(() => void sweep(), ORPHAN_MIN_AGE_MS);

  exitGracefully(log, async () => {
    clearInterval(sweeper);
    await Promise.all([worker.stop(8_000), webhooks.stop()]);
    metrics?.close();
    await db.$disconnect();
  });
  process.on("unhandledRejection", (err) => log.error({ err }, "unhandled promise rejection"));
}
