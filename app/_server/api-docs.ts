import "server-only";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * /api/docs: Swagger UI from our own origin (swagger-ui-dist, no CDN) rendering /api/v1/openapi.json.
 * The page has no inline script, so its policy allows scripts from this origin only; /api paths get
 * no page policy from proxy.ts, so this one is set on the response itself.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Swagger UI sets style attributes on its elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Elite Coding Assistant</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/docs-init.js"></script>
</body>
</html>
`;

const INIT_SCRIPT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true, tryItOutEnabled: false });
});
`;

const ASSETS = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "docs-init.js": "text/javascript; charset=utf-8",
} as const;
export type DocsAsset = keyof typeof ASSETS;

export function isDocsAsset(name: string): name is DocsAsset {
  return Object.hasOwn(ASSETS, name);
}

const loaded = new Map<DocsAsset, Promise<string>>();

/** An asset of the docs page and its media type; the files are read once per process. */
export async function docsAsset(name: DocsAsset): Promise<{ body: string; contentType: string }> {
  let body = loaded.get(name);
  if (!body) {
    // next start runs in the project root, where node_modules is.
    body = name === "docs-init.js" ? Promise.resolve(INIT_SCRIPT) : readFile(join(process.cwd(), "node_modules", "swagger-ui-dist", name), "utf8");
    loaded.set(name, body);
  }
  return { body: await body, contentType: ASSETS[name] };
}
