import { getUploadsDir } from "@/app/_server/knowledge";
import { requireApiUser, route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { openOriginal } from "@/lib/knowledge/download";

export const dynamic = "force-dynamic";

/** `GET /api/knowledge/documents/:id/file`: the original upload, as an attachment. */
export const GET = route<{ documentId: string }>(async (_req, { params }) => {
  const user = await requireApiUser();
  const file = await openOriginal(await getDb(), user.id, params.documentId, getUploadsDir());
  return new Response(file.body, {
    headers: {
      "content-type": file.mime,
      "content-length": String(file.sizeBytes),
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
});
