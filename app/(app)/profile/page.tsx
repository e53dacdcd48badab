import { getDb } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { toTokenRows } from "@/components/tokens/token-rows";
import { TokenTable } from "@/components/tokens/token-table";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { SCOPE_LABELS, scopesOfRole } from "@/lib/auth/scopes";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Profile" };

const LISTED = 100;

export default async function ProfilePage() {
  const user = await requireUser();
  const { items, nextCursor } = await listApiTokens(await getDb(), { ownerId: user.id }, { limit: LISTED });
  return (
    <>
      <div className="page-head">
        <h1>{user.name}</h1>
        <p>
          {user.email} · {user.role}
        </p>
      </div>
      <section className="card" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">New API token</h2>
        <p className="muted">
          Scripts, editors and OpenAI clients act as you with a token, within its scopes. Send it as <code>Authorization: Bearer …</code>;
          the OpenAI-compatible API is at <code>/v1</code>.
        </p>
        <CreateTokenForm scopes={scopesOfRole(user).map((scope) => ({ scope, label: SCOPE_LABELS[scope] }))} />
      </section>
      <section className="card" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your API tokens</h2>
        <TokenTable tokens={toTokenRows(items)} />
        {nextCursor && <p className="muted">Showing the newest {LISTED}.</p>}
      </section>
    </>
  );
}
