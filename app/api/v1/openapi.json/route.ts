import { route } from "@/app/_server/route";
import { buildOpenApiDocument } from "@/lib/api-v1/openapi/document";
import packageJson from "@/package.json" with { type: "json" };
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The OpenAPI 3.1 document of /api/v1, built once per process from the request schemas. */
export const GET = route(async () => {
  document ??= buildOpenApiDocument({ version: packageJson.version });
  return NextResponse.json(document, { headers: { "cache-control": "public, max-age=300" } });
});
