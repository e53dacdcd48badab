-- AlterTable
ALTER TABLE "UsageLatencyBin" DROP CONSTRAINT "UsageLatencyBin_pkey",
ADD CONSTRAINT "UsageLatencyBin_pkey" PRIMARY KEY ("period", "userId", "roomId", "bucket", "metric", "model", "bin");

-- CreateIndex
CREATE INDEX "UsageLatencyBin_period_roomId_bucket_idx" ON "UsageLatencyBin"("period", "roomId", "bucket");

-- Weekly rows (weeks from Monday 00:00 UTC) summed from the daily rows already rolled up (hand-written)
INSERT INTO "UsageRollup" ("period", "bucket", "type", "userId", "roomId", "model", "label", "count", "errors",
    "inputTokens", "outputTokens", "costUsd", "charsAdded", "charsRemoved", "activeMinutes", "ratingUp", "ratingDown",
    "bytes", "chunks", "results", "durationMs")
SELECT 'w', date_trunc('week', "bucket"), "type", "userId", "roomId", "model", "label", SUM("count"), SUM("errors"),
    SUM("inputTokens"), SUM("outputTokens"), SUM("costUsd"), SUM("charsAdded"), SUM("charsRemoved"), SUM("activeMinutes"),
    SUM("ratingUp"), SUM("ratingDown"), SUM("bytes"), SUM("chunks"), SUM("results"), SUM("durationMs")
FROM "UsageRollup" WHERE "period" = 'd'
GROUP BY 2, 3, 4, 5, 6, 7;

INSERT INTO "UsageLatencyBin" ("period", "bucket", "metric", "model", "userId", "roomId", "bin", "count")
SELECT 'w', date_trunc('week', "bucket"), "metric", "model", "userId", "roomId", "bin", SUM("count")
FROM "UsageLatencyBin" WHERE "period" = 'd'
GROUP BY 2, 3, 4, 5, 6, 7;
