import { DOCS_CSP, DOCS_HTML } from "@/app/_server/api-docs";
import { route } from "@/app/_server/route";

/** The API reference: Swagger UI over /api/v1/openapi.json, from local assets. */
export const GET = route(async () => {
  return new Response(DOCS_HTML, { headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": DOCS_CSP } });
});
