// Imported first by worker.ts: the shared logger reads SERVICE_NAME when it is created.
process.env.SERVICE_NAME ??= "ingest";
