import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { exportRoomEndpoint } from "@/lib/collab/room-version-endpoints";

export const dynamic = "force-dynamic";

/** The room's files as a zip (members only). */
export const GET = route<{ roomId: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  const { fileName, zip } = await exportRoomEndpoint(await getDb(), principal, params.roomId);
  return new Response(new Uint8Array(zip), {
    headers: { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
  });
});
