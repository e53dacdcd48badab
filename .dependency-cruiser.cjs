// Import rules checked by `npm run lint` (dependency-cruiser): no import cycles, type imports
// included, and the directions docs/ARCHITECTURE.md draws between the folders and lib's domains.

/** What each lib domain may import besides itself; everything else in lib is forbidden to it. */
const LIB_DOMAINS = {
  errors: [],
  net: [],
  db: ["errors"],
  forms: ["errors"],
  // config parses a few values with the parsers of their domains, and nothing else.
  config: ["errors", "ai/model-ref.ts", "db/target.ts", "net/client-address.ts"],
  observability: ["config", "errors"],
  audit: ["db"],
  "rate-limit": ["errors", "observability"],
  ai: ["config", "errors", "observability"],
  auth: ["audit", "config", "db", "errors", "forms", "net", "observability", "rate-limit"],
  // webhooks sits below the domains that emit its events; it checks room ownership with collab's
  // membership rule (those two files import nothing that emits), never a copy of it.
  webhooks: ["audit", "auth", "collab/membership.ts", "collab/room-roles.ts", "config", "db", "errors", "forms", "observability"],
  collab: ["audit", "auth", "config", "db", "errors", "forms", "observability", "rate-limit", "webhooks"],
  analytics: ["auth", "collab", "config", "db", "errors", "forms", "observability"],
  chat: ["ai", "analytics", "audit", "collab", "config", "db", "errors", "forms", "observability", "webhooks"],
  knowledge: ["ai", "analytics", "chat", "collab", "config", "db", "errors", "forms", "observability", "webhooks"],
  // The OpenAI-compatible API speaks for the chat: it may use what a chat turn uses.
  "openai-api": ["ai", "analytics", "auth", "chat", "config", "db", "errors", "forms", "knowledge", "observability"],
  // The command-line tool talks to the server over HTTP only; it shares the room file rules, no server code.
  cli: ["config/cli-env.ts", "collab/text-content.ts"],
  // REST v1: endpoint functions over the domains, their schemas and the OpenAPI document.
  "api-v1": ["ai", "analytics", "auth", "chat", "collab", "config", "db", "errors", "forms", "knowledge", "observability", "webhooks"],
  // The MCP server offers the knowledge, rooms and assistant tools through their own domain functions.
  mcp: ["ai", "auth", "chat", "collab", "db", "errors", "forms", "knowledge", "observability"],
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const allowed = (name, deps) =>
  [name, ...deps].map((d) => (d.endsWith(".ts") ? `^lib/${escape(d)}$` : `^lib/${escape(d)}/`)).join("|");

const domainRules = Object.entries(LIB_DOMAINS).map(([name, deps]) => ({
  name: `lib-${name}-direction`,
  comment: `lib/${name} may import only ${deps.join(", ") || "nothing else in lib"}`,
  severity: "error",
  from: { path: `^lib/${escape(name)}/` },
  to: { path: "^lib/", pathNot: [allowed(name, deps), "^lib/db/generated/"] },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules must not import each other in a circle, not even for types.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-is-framework-free",
      comment: "lib never reaches into the app, the UI, the sidecar or the tools around it.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components|server|scripts|e2e|bench)/" },
    },
    {
      name: "no-unknown-lib-domain",
      comment: "A new folder in lib gets its line in LIB_DOMAINS (and in docs/ARCHITECTURE.md).",
      severity: "error",
      from: { path: "^lib/", pathNot: `^lib/(${Object.keys(LIB_DOMAINS).map(escape).join("|")})/` },
      to: {},
    },
    {
      name: "server-code-has-no-ui",
      comment: "The sidecar, route helpers and route handlers do not import UI code, types included.",
      severity: "error",
      from: { path: "^(server|app/_server|app/api)/" },
      to: { path: "^components/" },
    },
    {
      name: "sidecar-is-not-the-app",
      severity: "error",
      from: { path: "^server/" },
      to: { path: "^app/" },
    },
    {
      name: "components-call-only-server-actions",
      comment: "UI imports from app/ only its server actions.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/", pathNot: "^app/.+/actions\\.ts$" },
    },
    ...domainRules,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|lib/db/generated|\\.next)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".js", ".mjs", ".json"],
    },
  },
};
