import { getDb } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { AutoRefresh } from "@/components/knowledge/auto-refresh";
import { DocumentTable } from "@/components/knowledge/document-table";
import { ScopeSwitcher } from "@/components/knowledge/scope-switcher";
import { isActive } from "@/components/knowledge/status-labels";
import "@/components/knowledge/knowledge.css";
import { listLearned } from "@/lib/knowledge/learning";
import type { Metadata } from "next";
import Link from "next/link";
import { loadScope } from "../load-scope";

export const metadata: Metadata = { title: "Learned" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** What the assistant learned from chat in a scope: corrections and saved answers, removable. */
export default async function LearnedPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const scope = await loadScope(user.id, (await searchParams).room);
  const items = await listLearned(await getDb(), user.id, scope.roomId);
  const roomQuery = scope.roomId ? `?room=${encodeURIComponent(scope.roomId)}` : "";
  return (
    <div className="kn-page">
      <p className="kn-crumbs">
        <Link href={`/knowledge${roomQuery}`}>← Knowledge</Link>
      </p>
      <div className="page-head">
        <h1>Learned from chat</h1>
        <p>Corrections people taught and answers they saved. They are validated like documents and cited once ready.</p>
      </div>
      <ScopeSwitcher options={scope.options} current={scope.roomId} basePath="/knowledge/learned" />
      <section className="card">
        <DocumentTable
          documents={items}
          canWrite={scope.access.canWrite}
          canReview={scope.access.canReview}
          empty="Nothing learned yet. Under any answer in chat, choose “Teach” to write the correct answer, or save a thumbs-up answer."
        />
      </section>
      <AutoRefresh active={items.some((d) => isActive(d.status))} />
    </div>
  );
}
