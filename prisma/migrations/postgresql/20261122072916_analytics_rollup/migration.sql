-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "rollupBatch" TEXT;

-- CreateTable
CREATE TABLE "UsageRollup" (
    "period" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "type" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "charsAdded" INTEGER NOT NULL DEFAULT 0,
    "charsRemoved" INTEGER NOT NULL DEFAULT 0,
    "activeMinutes" INTEGER NOT NULL DEFAULT 0,
    "ratingUp" INTEGER NOT NULL DEFAULT 0,
    "ratingDown" INTEGER NOT NULL DEFAULT 0,
    "bytes" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "chunks" INTEGER NOT NULL DEFAULT 0,
    "results" INTEGER NOT NULL DEFAULT 0,
    "durationMs" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "UsageRollup_pkey" PRIMARY KEY ("period","bucket","type","userId","roomId","model","label")
);

-- CreateTable
CREATE TABLE "UsageLatencyBin" (
    "period" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "metric" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UsageLatencyBin_pkey" PRIMARY KEY ("period","bucket","metric","model","userId","roomId","bin")
);

-- CreateTable
CREATE TABLE "AnalyticsState" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnalyticsState_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "UsageRollup_period_userId_bucket_idx" ON "UsageRollup"("period", "userId", "bucket");

-- CreateIndex
CREATE INDEX "UsageRollup_period_roomId_bucket_idx" ON "UsageRollup"("period", "roomId", "bucket");

-- CreateIndex
CREATE INDEX "UsageLatencyBin_period_userId_bucket_idx" ON "UsageLatencyBin"("period", "userId", "bucket");

-- CreateIndex
CREATE INDEX "UsageEvent_rollupBatch_idx" ON "UsageEvent"("rollupBatch");

-- CreateIndex
CREATE INDEX "UsageEvent_type_createdAt_idx" ON "UsageEvent"("type", "createdAt");

-- CreateIndex
CREATE INDEX "UsageEvent_userId_createdAt_idx" ON "UsageEvent"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "UsageEvent_roomId_createdAt_idx" ON "UsageEvent"("roomId", "createdAt");

