import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { revokeTokenEndpoint } from "@/lib/auth/token-endpoints";

export const dynamic = "force-dynamic";

/** Revokes a token: the signed-in user's own, or anyone's for an admin (session or `admin` token). */
export const DELETE = route<{ id: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  await revokeTokenEndpoint(await getDb(), principal, params.id);
  return new Response(null, { status: 204 });
});
