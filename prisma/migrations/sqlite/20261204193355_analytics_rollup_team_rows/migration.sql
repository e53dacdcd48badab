-- Team-wide rows (user and room "*") of every period, summed from the per-user rows already rolled
-- up (hand-written: no schema change); lib/analytics/rollup.ts maintains them from now on.
INSERT INTO "UsageRollup" ("period", "bucket", "type", "userId", "roomId", "model", "label", "count", "errors",
    "inputTokens", "outputTokens", "costUsd", "charsAdded", "charsRemoved", "activeMinutes", "ratingUp", "ratingDown",
    "bytes", "chunks", "results", "durationMs")
SELECT "period", "bucket", "type", '*', '*', "model", "label", SUM("count"), SUM("errors"),
    SUM("inputTokens"), SUM("outputTokens"), SUM("costUsd"), SUM("charsAdded"), SUM("charsRemoved"), SUM("activeMinutes"),
    SUM("ratingUp"), SUM("ratingDown"), SUM("bytes"), SUM("chunks"), SUM("results"), SUM("durationMs")
FROM "UsageRollup" WHERE "userId" <> '*'
GROUP BY "period", "bucket", "type", "model", "label";
