-- DropIndex
DROP INDEX "UsageEvent_type_idx";

-- CreateIndex
CREATE INDEX "UsageRollup_period_type_bucket_idx" ON "UsageRollup"("period", "type", "bucket");

