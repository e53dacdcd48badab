-- AlterTable (hand-written: a constant default needs no table rebuild)
ALTER TABLE "UsageEvent" ADD COLUMN "hasComment" BOOLEAN NOT NULL DEFAULT false;

-- Flag the feedback already written with a comment (hand-written)
UPDATE "UsageEvent" SET "hasComment" = true
WHERE "type" = 'chat.feedback' AND json_type("data", '$.comment') = 'text' AND json_extract("data", '$.comment') <> '';

-- CreateIndex (hand-written: Prisma cannot express partial indexes): the newest comments per scope
CREATE INDEX "UsageEvent_comment_type_createdAt_idx" ON "UsageEvent"("type", "createdAt") WHERE "hasComment";
CREATE INDEX "UsageEvent_comment_userId_createdAt_idx" ON "UsageEvent"("userId", "createdAt") WHERE "hasComment";
CREATE INDEX "UsageEvent_comment_roomId_createdAt_idx" ON "UsageEvent"("roomId", "createdAt") WHERE "hasComment";
CREATE INDEX "UsageEvent_comment_model_createdAt_idx" ON "UsageEvent"("model", "createdAt") WHERE "hasComment";
