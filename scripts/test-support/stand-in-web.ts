// A stand-in for `next start` in the supervisor's integration test when no current production build
// exists: it answers GET /api/health from the same checks as the real route's processes and collab.
import { createServer } from "node:http";
import { collabSidecarCheck } from "../../lib/collab/sidecar-health";
import { buildConfig } from "../../lib/config";
import { runHealthChecks } from "../../lib/observability/health";
import { processStatusCheck } from "../../lib/observability/process-status";

const { env } = buildConfig(process.env);
const startedAt = Date.now();

const server = createServer((request, response) => {
  if (request.url !== "/api/health") {
    response.writeHead(404).end();
    return;
  }
  void runHealthChecks(
    {
      collab: { critical: false, run: collabSidecarCheck(`http://127.0.0.1:${env.COLLAB_PORT}`) },
      processes: { critical: false, run: processStatusCheck(env.SUPERVISOR_STATUS_FILE) },
    },
    { version: "stand-in", startedAt },
  ).then((report) => {
    response.writeHead(report.status === "down" ? 503 : 200, { "content-type": "application/json" }).end(JSON.stringify(report));
  });
});
server.listen(env.PORT, env.HOST);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
