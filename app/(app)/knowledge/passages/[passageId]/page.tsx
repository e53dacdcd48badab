import { getUsageSink } from "@/app/_server/knowledge";
import { getDb } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { PassageLocation } from "@/components/knowledge/passage-location";
import "@/components/knowledge/knowledge.css";
import { openPassage } from "@/lib/knowledge/passage-view";
import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "../../load-or-404";

export const metadata: Metadata = { title: "Passage" };

/** A cited passage: its document, page or line range and heading path (opening it is counted). */
export default async function PassagePage({ params }: { params: Promise<{ passageId: string }> }) {
  const user = await requireUser();
  const { passageId } = await params;
  const passage = await orNotFound(async () => openPassage(await getDb(), user.id, passageId, await getUsageSink()));
  const { document } = passage;
  return (
    <div className="kn-page kn-passage-page">
      <p className="kn-crumbs">
        <Link href={`/knowledge/documents/${document.id}`}>← {document.name}</Link>
      </p>
      <div className="page-head">
        <h1>Passage {passage.ordinal + 1} of {document.chunkCount}</h1>
        <p>
          From <Link href={`/knowledge/documents/${document.id}`} data-testid="passage-document">{document.name}</Link>
          {document.source !== "upload" && <span className="badge kn-badge-learned">{document.source === "correction" ? "correction" : "saved answer"}</span>}
        </p>
      </div>
      <section className="card">
        <div className="kn-chunk-meta">
          <PassageLocation {...passage} />
          {passage.demoted > 0 && (
            <span className="badge badge-danger" title="Answers citing this passage were rated thumbs-down">
              demoted ×{passage.demoted}
            </span>
          )}
        </div>
        <pre className="kn-passage-text" data-testid="passage-text">{passage.text}</pre>
      </section>
    </div>
  );
}
