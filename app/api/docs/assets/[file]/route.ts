import { docsAsset, isDocsAsset } from "@/app/_server/api-docs";
import { route } from "@/app/_server/route";
import { AppError } from "@/lib/errors/app-error";

/** Swagger UI's files and the docs page's start script, from an allowlist. */
export const GET = route<{ file: string }>(async (_req, { params }) => {
  if (!isDocsAsset(params.file)) throw new AppError("NOT_FOUND", "No such file.");
  const asset = await docsAsset(params.file);
  return new Response(asset.body, { headers: { "content-type": asset.contentType, "cache-control": "public, max-age=3600" } });
});
