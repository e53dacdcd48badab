-- Hand-written (Prisma cannot express it): the full-text index over knowledge chunks.
-- An external-content FTS5 table reads its text from "KnowledgeChunk" (rowid = the chunk's INTEGER
-- PRIMARY KEY, stable across VACUUM) and is kept in step by triggers, so every write path — including
-- cascading deletes of a document or a room — updates the index in the same transaction.
-- A later migration that redefines "KnowledgeChunk" (Prisma copies the table and drops the old one)
-- drops these triggers with it and must recreate them.
CREATE VIRTUAL TABLE "knowledge_chunk_fts" USING fts5(
    "text",
    "headingPath",
    content = 'KnowledgeChunk',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER "knowledge_chunk_fts_insert" AFTER INSERT ON "KnowledgeChunk" BEGIN
    INSERT INTO "knowledge_chunk_fts" ("rowid", "text", "headingPath") VALUES (new."id", new."text", new."headingPath");
END;

CREATE TRIGGER "knowledge_chunk_fts_delete" AFTER DELETE ON "KnowledgeChunk" BEGIN
    INSERT INTO "knowledge_chunk_fts" ("knowledge_chunk_fts", "rowid", "text", "headingPath")
    VALUES ('delete', old."id", old."text", old."headingPath");
END;

CREATE TRIGGER "knowledge_chunk_fts_update" AFTER UPDATE OF "text", "headingPath" ON "KnowledgeChunk" BEGIN
    INSERT INTO "knowledge_chunk_fts" ("knowledge_chunk_fts", "rowid", "text", "headingPath")
    VALUES ('delete', old."id", old."text", old."headingPath");
    INSERT INTO "knowledge_chunk_fts" ("rowid", "text", "headingPath") VALUES (new."id", new."text", new."headingPath");
END;
