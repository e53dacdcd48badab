-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UsageLatencyBin" (
    "period" TEXT NOT NULL,
    "bucket" DATETIME NOT NULL,
    "metric" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("period", "userId", "roomId", "bucket", "metric", "model", "bin")
);
INSERT INTO "new_UsageLatencyBin" ("bin", "bucket", "count", "metric", "model", "period", "roomId", "userId") SELECT "bin", "bucket", "count", "metric", "model", "period", "roomId", "userId" FROM "UsageLatencyBin";
DROP TABLE "UsageLatencyBin";
ALTER TABLE "new_UsageLatencyBin" RENAME TO "UsageLatencyBin";
CREATE INDEX "UsageLatencyBin_period_userId_bucket_idx" ON "UsageLatencyBin"("period", "userId", "bucket");
CREATE INDEX "UsageLatencyBin_period_roomId_bucket_idx" ON "UsageLatencyBin"("period", "roomId", "bucket");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Weekly rows (weeks from Monday 00:00 UTC) summed from the daily rows already rolled up (hand-written)
INSERT INTO "UsageRollup" ("period", "bucket", "type", "userId", "roomId", "model", "label", "count", "errors",
    "inputTokens", "outputTokens", "costUsd", "charsAdded", "charsRemoved", "activeMinutes", "ratingUp", "ratingDown",
    "bytes", "chunks", "results", "durationMs")
SELECT 'w', date(substr("bucket", 1, 10), '-6 days', 'weekday 1') || 'T00:00:00.000+00:00', "type", "userId", "roomId", "model", "label", SUM("count"), SUM("errors"),
    SUM("inputTokens"), SUM("outputTokens"), SUM("costUsd"), SUM("charsAdded"), SUM("charsRemoved"), SUM("activeMinutes"),
    SUM("ratingUp"), SUM("ratingDown"), SUM("bytes"), SUM("chunks"), SUM("results"), SUM("durationMs")
FROM "UsageRollup" WHERE "period" = 'd'
GROUP BY 2, 3, 4, 5, 6, 7;

INSERT INTO "UsageLatencyBin" ("period", "bucket", "metric", "model", "userId", "roomId", "bin", "count")
SELECT 'w', date(substr("bucket", 1, 10), '-6 days', 'weekday 1') || 'T00:00:00.000+00:00', "metric", "model", "userId", "roomId", "bin", SUM("count")
FROM "UsageLatencyBin" WHERE "period" = 'd'
GROUP BY 2, 3, 4, 5, 6, 7;
