-- One rating per user and answer (hand-written data migration; see lib/chat/feedback.ts). A replaced
-- rating used to stay counted: every chat.feedback event but the latest per user and answer is taken
-- back by a chat.feedback_retracted event at the same instant (the next rollup run subtracts it from
-- the same rows), and its comment is no longer listed.
INSERT INTO "UsageEvent" ("id", "type", "userId", "roomId", "model", "data", "createdAt")
SELECT 'retract-' || "id", 'chat.feedback_retracted', "userId", "roomId", "model",
  json_object('messageId', "messageId", 'rating', "rating"), "createdAt"
FROM (
  SELECT "id", "userId", "roomId", "model", "createdAt",
    json_extract("data", '$.messageId') AS "messageId", json_extract("data", '$.rating') AS "rating",
    ROW_NUMBER() OVER (PARTITION BY "userId", json_extract("data", '$.messageId') ORDER BY "createdAt" DESC, "id" DESC) AS "n"
  FROM "UsageEvent"
  WHERE "type" = 'chat.feedback' AND json_type("data", '$.messageId') = 'text' AND json_type("data", '$.rating') = 'integer'
) WHERE "n" > 1;

UPDATE "UsageEvent" SET "hasComment" = false
WHERE "hasComment" AND "type" = 'chat.feedback'
  AND EXISTS (SELECT 1 FROM "UsageEvent" r WHERE r."id" = 'retract-' || "UsageEvent"."id");

-- A rating is dated at its counted event, so that a later change retracts exactly that event.
UPDATE "MessageFeedback" SET "updatedAt" = l."at"
FROM (
  SELECT "userId", json_extract("data", '$.messageId') AS "messageId", MAX("createdAt") AS "at"
  FROM "UsageEvent" WHERE "type" = 'chat.feedback' GROUP BY 1, 2
) l
WHERE l."userId" = "MessageFeedback"."userId" AND l."messageId" = "MessageFeedback"."messageId";
