import type { Db } from "../../lib/db/client";
import { dbProvider } from "../../lib/db/client";

/**
 * Bulk-inserts `count` synthetic usage events spread evenly over the `days` before `now`, generated
 * inside the database (a recursive CTE on SQLite, generate_series on PostgreSQL) in chunks, so a
 * million rows take seconds, not minutes. The mix: half chat turns over 4 models (2 % errors),
 * feedback, collab edits/joins/active minutes over 20 rooms, knowledge events; 50 users.
 * Every value is a deterministic function of the row number, so runs are comparable.
 */
const CHUNK = 250_000;

function eventSql(provider: "sqlite" | "postgresql", start: number, end: number, nowMs: number, spanMs: number, total: number): string {
  const pg = provider === "postgresql";
  const i = "i";
  const mod = (expr: string, m: number) => (pg ? `((${expr}) % ${m})` : `((${expr}) % ${m})`);
  const txt = (expr: string) => (pg ? `(${expr})::text` : `CAST(${expr} AS TEXT)`);
  const cat = (...parts: string[]) => parts.join(" || ");
  const kind = mod(i, 20);
  const type = `CASE WHEN ${kind} < 10 THEN 'chat.turn' WHEN ${kind} < 12 THEN 'chat.feedback' WHEN ${kind} < 14 THEN 'collab.edit'
    WHEN ${kind} = 14 THEN 'collab.active' WHEN ${kind} = 15 THEN 'collab.join' WHEN ${kind} = 16 THEN 'knowledge.search'
    WHEN ${kind} = 17 THEN 'knowledge.citation_opened' WHEN ${kind} = 18 THEN 'knowledge.ingested' ELSE 'knowledge.failed' END`;
  const user = cat(`'user-'`, txt(mod(`${i} * 7919`, 50)));
  // Like a real team: each user works in two rooms and mostly with one model.
  const u = mod(`${i} * 7919`, 50);
  const roomOf = cat(`'room-'`, txt(mod(`${u} + ${mod(i, 2)} * 7`, 20)));
  const room = `CASE WHEN ${kind} >= 12 AND ${kind} <= 17 THEN ${roomOf} WHEN ${kind} < 10 AND ${mod(i, 3)} = 0 THEN ${roomOf} END`;
  const model = `CASE WHEN ${kind} < 12 THEN CASE ${mod(`${u} + CASE WHEN ${mod(i, 5)} = 0 THEN 1 ELSE 0 END`, 4)} WHEN 0 THEN 'openai:gpt-4o-mini' WHEN 1 THEN 'openai:gpt-4o' WHEN 2 THEN 'anthropic:claude-sonnet' ELSE 'ollama:llama3' END END`;
  const n = (expr: string) => txt(expr);
  const data = `CASE
    WHEN ${kind} < 10 THEN ${cat(`'{"conversationId":"c","inputTokens":'`, n(`200 + ${mod(`${i} * 13`, 3000)}`), `',"outputTokens":'`, n(`50 + ${mod(`${i} * 17`, 800)}`),
      `',"costUsd":0.0012,"ttftMs":'`, n(`80 + ${mod(`${i} * 31`, 900)}`), `',"totalMs":'`, n(`400 + ${mod(`${i} * 97`, 9000)}`),
      `',"error":'`, `CASE WHEN ${mod(`${i} * 7`, 50)} = 0 THEN '"AI_TIMEOUT"' ELSE 'null' END`, `'}'`)}
    WHEN ${kind} < 12 THEN ${cat(`'{"messageId":"m","rating":'`, `CASE WHEN ${mod(`${i} * 11`, 5)} = 0 THEN '-1' ELSE '1' END`, `',"comment":'`, `CASE WHEN ${mod(`${i} * 3`, 10)} = 0 THEN '"Good answer, wrong import path"' ELSE 'null' END`, `'}'`)}
    WHEN ${kind} < 14 THEN ${cat(`'{"file_id":"f","path":"src/a.ts","added":'`, n(mod(`${i} * 19`, 400)), `',"removed":'`, n(mod(`${i} * 23`, 120)), `'}'`)}
    WHEN ${kind} = 14 THEN '{"minutes":1}'
    WHEN ${kind} = 15 THEN '{"channel":"doc","role":"editor"}'
    WHEN ${kind} = 16 THEN '{"results":5,"ms":12}'
    WHEN ${kind} = 17 THEN '{"passageId":"p"}'
    WHEN ${kind} = 18 THEN '{"documentId":"d","bytes":20000,"chunks":12}'
    ELSE ${cat(`'{"documentId":"d","reason":"'`, `CASE ${mod(i, 3)} WHEN 0 THEN 'CORRUPT' WHEN 1 THEN 'NO_TEXT' ELSE 'TOO_LARGE' END`, `'"}'`)} END`;
  const createdMs = `${nowMs} - (${i} * ${Math.floor(spanMs / total)})`;
  const createdAt = pg
    ? `to_timestamp((${createdMs})::double precision / 1000) AT TIME ZONE 'UTC'`
    : `strftime('%Y-%m-%dT%H:%M:%S', (${createdMs}) / 1000, 'unixepoch') || '.000+00:00'`;
  const rows = pg
    ? `SELECT ${i} FROM generate_series(${start}::bigint, ${end - 1}::bigint) AS g(${i})`
    : `WITH RECURSIVE c(${i}) AS (SELECT ${start} UNION ALL SELECT ${i} + 1 FROM c WHERE ${i} < ${end - 1}) SELECT ${i} FROM c`;
  const hasComment = `(${kind} >= 10 AND ${kind} < 12 AND ${mod(`${i} * 3`, 10)} = 0)`;
  return `INSERT INTO "UsageEvent" ("id", "type", "userId", "roomId", "model", "data", "createdAt", "hasComment")
    SELECT ${cat(`'b'`, txt(i))}, ${type}, ${user}, ${room}, ${model}, ${data}, ${createdAt}, ${hasComment} FROM (${rows}) s`;
}

export async function seedEvents(db: Db, count: number, days: number, now: Date, onProgress?: (done: number) => void): Promise<void> {
  const provider = dbProvider(db);
  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK);
    await db.$executeRawUnsafe(eventSql(provider, start, end, now.getTime(), days * 86_400_000, count));
    onProgress?.(end);
  }
}
