import { getUsageSink } from "@/app/_server/knowledge";
import { getDb } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { HighlightedText } from "@/components/knowledge/highlighted-text";
import { PassageLocation } from "@/components/knowledge/passage-location";
import "@/components/knowledge/knowledge.css";
import { isAppError } from "@/lib/errors/app-error";
import { openPassage, type PassageView } from "@/lib/knowledge/passage-view";
import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "../../load-or-404";

export const metadata: Metadata = { title: "Passage" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Opens the passage, or null when its document was deleted (a citation in an older answer). */
async function loadPassage(userId: string, passageId: string): Promise<PassageView | null> {
  return orNotFound(async () => {
    try {
      return await openPassage(await getDb(), userId, passageId, await getUsageSink());
    } catch (err) {
      if (isAppError(err) && err.details?.deleted === true) return null;
      throw err;
    }
  });
}

/**
 * A cited passage: its document, page or line range and heading path (opening it is counted),
 * with the words the question matched (`?q=`) marked.
 */
export default async function PassagePage({ params, searchParams }: { params: Promise<{ passageId: string }>; searchParams: SearchParams }) {
  const user = await requireUser();
  const { passageId } = await params;
  const { q } = await searchParams;
  const query = typeof q === "string" ? q.slice(0, 500) : "";
  const passage = await loadPassage(user.id, passageId);
  if (!passage) {
    return (
      <div className="kn-page kn-passage-page">
        <div className="page-head">
          <h1 data-testid="passage-deleted">This document was deleted</h1>
          <p>The passage this citation points to went with its document. The answer that cited it is unchanged.</p>
        </div>
        <Link href="/knowledge" className="btn btn-secondary">
          Go to Knowledge
        </Link>
      </div>
    );
  }
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
        <pre className="kn-passage-text" data-testid="passage-text">
          <HighlightedText text={passage.text} query={query} />
        </pre>
      </section>
    </div>
  );
}
