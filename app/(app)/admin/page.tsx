import { getDb } from "@/app/_server/runtime";
import { requireAdmin } from "@/app/_server/session";
import { AuditList } from "@/components/admin/audit-list";
import { UserTable } from "@/components/admin/user-table";
import { listUsers } from "@/lib/auth/admin";
import { listAudit } from "@/lib/audit/audit-log";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { toTokenRows } from "@/components/tokens/token-rows";
import { TokenTable } from "@/components/tokens/token-table";
import type { Metadata } from "next";
import { updateUserAction } from "./actions";
import { loadChatSetup } from "@/app/_server/chat-setup";
import { ChatSettingsForm } from "@/components/admin/chat-settings-form";
import { getChatSettings } from "@/lib/chat";
import { saveChatSettingsAction } from "./chat-actions";
import { loadWebhookPanel, webhookActions } from "@/app/_server/webhooks";
import { WebhookPanel } from "@/components/webhooks/webhook-panel";


export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const admin = await requireAdmin();
  const db = await getDb();
  const [users, audit, chatSetup, chatSettings, tokens, webhooks] = await Promise.all([
    listUsers(db, admin),
    listAudit(db, { limit: 50 }),
    loadChatSetup(),
    getChatSettings(db),
    listApiTokens(db, {}, { limit: 100 }),
    loadWebhookPanel(admin, null),
  ]);
  return (
    <>
      <div className="page-head">
        <h1>Admin</h1>
        <p>Manage who can use this workspace. Every change is recorded in the audit log.</p>
      </div>
      <section className="card">
        <h2>Users ({users.length})</h2>
        <UserTable
          currentUserId={admin.id}
          update={updateUserAction}
          users={users.map((u) => ({
            ...u,
            createdAt: u.createdAt.toISOString(),
            lastSeenAt: u.lastSeenAt?.toISOString() ?? null,
          }))}
        />
      </section>
      <section className="card" aria-labelledby="chat-settings-heading">
        <h2 id="chat-settings-heading">AI chat</h2>
        <ChatSettingsForm models={chatSetup.models} initial={chatSettings} save={saveChatSettingsAction} />
      </section>
      <section className="card" aria-labelledby="api-tokens-heading">
        <h2 id="api-tokens-heading">API tokens</h2>
        <TokenTable tokens={toTokenRows(tokens.items)} showOwner />
        {tokens.nextCursor && <p className="muted">Showing the newest 100; GET /api/v1/admin/tokens pages through all.</p>}
      </section>
      <section className="card" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">Webhooks</h2>
        <WebhookPanel {...webhooks} actions={webhookActions} />
      </section>
      <section className="card">
        <h2>Audit log</h2>
        <AuditList records={audit} />
      </section>
    </>
  );
}
