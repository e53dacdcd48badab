import { getKnowledgeSettings } from "@/app/_server/knowledge";
import { getDb } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { AutoRefresh } from "@/components/knowledge/auto-refresh";
import { ApprovalToggle } from "@/components/knowledge/document-actions";
import { DocumentTable } from "@/components/knowledge/document-table";
import { ScopeSwitcher } from "@/components/knowledge/scope-switcher";
import { isActive } from "@/components/knowledge/status-labels";
import { Uploader } from "@/components/knowledge/uploader";
import "@/components/knowledge/knowledge.css";
import { listDocuments } from "@/lib/knowledge/documents";
import type { Metadata } from "next";
import Link from "next/link";
import { loadScope } from "./load-scope";

export const metadata: Metadata = { title: "Knowledge" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function KnowledgePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const scope = await loadScope(user.id, params.room);
  const q = typeof params.q === "string" ? params.q.slice(0, 200) : "";
  const documents = await listDocuments(await getDb(), user.id, { roomId: scope.roomId }, { nameQuery: q, learned: false });
  // Refused files are listed apart by the uploader, not as knowledge.
  const accepted = documents.filter((d) => d.status !== "failed");
  const roomQuery = scope.roomId ? `?room=${encodeURIComponent(scope.roomId)}` : "";
  return (
    <div className="kn-page">
      <div className="page-head kn-head">
        <div>
          <h1>Knowledge</h1>
          <p>Documents the assistant searches and cites. {scope.roomId ? "Room knowledge is shared with the room's members." : "Personal knowledge is yours alone."}</p>
        </div>
        <Link href={`/knowledge/learned${roomQuery}`} className="btn btn-secondary">
          Learned from chat
        </Link>
      </div>
      <ScopeSwitcher options={scope.options} current={scope.roomId} basePath="/knowledge" />
      {scope.roomId && scope.access.canReview && <ApprovalToggle roomId={scope.roomId} requireApproval={scope.requireApproval} />}
      {scope.roomId && !scope.access.canReview && scope.requireApproval && <p className="muted kn-note">New documents in this room wait for an owner&apos;s approval.</p>}
      {scope.access.canWrite ? (
        <Uploader roomId={scope.roomId} maxFileBytes={getKnowledgeSettings().maxFileBytes} documents={documents} />
      ) : (
        <p className="alert alert-info">You can read this room&apos;s knowledge; owners and editors add documents.</p>
      )}
      <section className="card">
        <div className="kn-list-head">
          <h2>
            {scope.scopeName} documents <span className="muted">({accepted.length})</span>
          </h2>
          <form className="kn-search" role="search">
            {scope.roomId && <input type="hidden" name="room" value={scope.roomId} />}
            <input type="search" name="q" defaultValue={q} placeholder="Search by name" aria-label="Search documents by name" />
          </form>
        </div>
        <DocumentTable
          documents={accepted}
          canWrite={scope.access.canWrite}
          canReview={scope.access.canReview}
          empty={q ? "No document name matches." : "No documents yet. Drop files or a folder above."}
        />
      </section>
      {!scope.access.canWrite && <AutoRefresh active={accepted.some((d) => isActive(d.status))} />}
    </div>
  );
}
