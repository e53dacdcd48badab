-- Hand-written (Prisma cannot express it): the full-text index over knowledge chunks.
-- A generated tsvector column (body weighted A, heading path B) is computed by PostgreSQL on every
-- insert, so the index never lags the rows; the GIN index serves websearch_to_tsquery matches.
ALTER TABLE "KnowledgeChunk" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, "text"), 'A') ||
    setweight(to_tsvector('english'::regconfig, "headingPath"), 'B')
) STORED;

CREATE INDEX "KnowledgeChunk_searchVector_idx" ON "KnowledgeChunk" USING GIN ("searchVector");
