-- Hand-written (Prisma cannot express it): what knowledge search needs to score only the chunks that
-- could rank (lib/knowledge/search/postgres-lexical.ts).

-- 1. The search vector also holds "<lexeme> 2" (no positions) for each lexeme found twice or more in
-- the chunk, so the GIN index can find the chunks where a lexeme may weigh more than a single
-- occurrence. It is stored in the row (MAIN): scoring a chunk then reads one heap tuple instead of
-- a TOAST value (about 4x faster). Re-adding the column rewrites the table once. A search runs one
-- index scan per candidate clause, and each reads the index's list of not yet merged insertions:
-- a 512 kB list (instead of 4 MB) keeps that cheap between vacuums.
CREATE FUNCTION "knowledge_search_vector"("body" text, "heading" text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT v || coalesce(
    (SELECT array_to_tsvector(array_agg(u."lexeme" || ' 2')) FROM unnest(v) AS u WHERE cardinality(u."positions") >= 2),
    ''::tsvector)
  FROM (SELECT setweight(to_tsvector('english'::regconfig, "body"), 'A') || setweight(to_tsvector('english'::regconfig, "heading"), 'B') AS v) AS s
$$;

ALTER TABLE "KnowledgeChunk" DROP COLUMN "searchVector";
ALTER TABLE "KnowledgeChunk"
  ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (knowledge_search_vector("text", "headingPath")) STORED,
  ALTER COLUMN "searchVector" SET STORAGE MAIN;
CREATE INDEX "KnowledgeChunk_searchVector_idx" ON "KnowledgeChunk" USING GIN ("searchVector") WITH (gin_pending_list_limit = 512);

-- 2. How many chunks hold each lexeme of the search vector (the idf of the score and the size of
-- each candidate set); the row with the empty lexeme, which no vector holds, counts all chunks.
-- Statement triggers keep it exact on every write path, cascades included.
CREATE TABLE "knowledge_lexeme" (
    "lexeme" TEXT NOT NULL PRIMARY KEY,
    "chunks" INTEGER NOT NULL
);

INSERT INTO "knowledge_lexeme" ("lexeme", "chunks")
SELECT l, count(*) FROM "KnowledgeChunk", unnest(array_append(tsvector_to_array("searchVector"), '')) AS l GROUP BY l;

CREATE FUNCTION "knowledge_lexeme_count"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lexemes text[];
  deltas integer[];
  emptied text[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "knowledge_lexeme";
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(l), array_agg(n) INTO lexemes, deltas FROM (
      SELECT l, count(*)::integer AS n FROM "new_rows", unnest(array_append(tsvector_to_array("searchVector"), '')) AS l GROUP BY l
    ) AS d;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(l), array_agg(n) INTO lexemes, deltas FROM (
      SELECT l, -count(*)::integer AS n FROM "old_rows", unnest(array_append(tsvector_to_array("searchVector"), '')) AS l GROUP BY l
    ) AS d;
  ELSE
    -- Most updates (demotions, embeddings) leave the vector as it was: only changed rows count.
    SELECT array_agg(l), array_agg(n) INTO lexemes, deltas FROM (
      SELECT l, sum(n)::integer AS n FROM (
        SELECT unnest(tsvector_to_array(c."searchVector")) AS l, 1 AS n FROM "new_rows" c
         WHERE NOT EXISTS (SELECT 1 FROM "old_rows" o WHERE o."id" = c."id" AND o."searchVector" = c."searchVector")
        UNION ALL
        SELECT unnest(tsvector_to_array(o."searchVector")), -1 FROM "old_rows" o
         WHERE NOT EXISTS (SELECT 1 FROM "new_rows" c WHERE c."id" = o."id" AND c."searchVector" = o."searchVector")
      ) AS changes GROUP BY l HAVING sum(n) <> 0
    ) AS d;
  END IF;
  IF lexemes IS NULL THEN
    RETURN NULL;
  END IF;
  -- One writer at a time per schema: two transactions adding documents share most lexemes, and
  -- locking their rows statement by statement in different orders could deadlock.
  PERFORM pg_advisory_xact_lock(hashtext(TG_TABLE_SCHEMA || '.knowledge_lexeme'));
  WITH counted AS (
    INSERT INTO "knowledge_lexeme" ("lexeme", "chunks")
    SELECT * FROM unnest(lexemes, deltas) ORDER BY 1
    ON CONFLICT ("lexeme") DO UPDATE SET "chunks" = "knowledge_lexeme"."chunks" + excluded."chunks"
    RETURNING "lexeme", "chunks"
  )
  SELECT array_agg("lexeme") INTO emptied FROM counted WHERE "chunks" = 0 AND "lexeme" <> '';
  IF emptied IS NOT NULL THEN
    DELETE FROM "knowledge_lexeme" WHERE "lexeme" = ANY(emptied) AND "chunks" = 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "knowledge_lexeme_insert" AFTER INSERT ON "KnowledgeChunk"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "knowledge_lexeme_count"();
CREATE TRIGGER "knowledge_lexeme_delete" AFTER DELETE ON "KnowledgeChunk"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "knowledge_lexeme_count"();
CREATE TRIGGER "knowledge_lexeme_update" AFTER UPDATE ON "KnowledgeChunk"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "knowledge_lexeme_count"();
CREATE TRIGGER "knowledge_lexeme_truncate" AFTER TRUNCATE ON "KnowledgeChunk"
  FOR EACH STATEMENT EXECUTE FUNCTION "knowledge_lexeme_count"();
