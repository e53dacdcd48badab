import pg from "pg";

/** Drops the schema the PostgreSQL end-to-end server ran in. */
export default async function dropPostgresSchema(): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${process.env.E2E_PG_SCHEMA}" CASCADE`);
  } finally {
    await client.end();
  }
}
