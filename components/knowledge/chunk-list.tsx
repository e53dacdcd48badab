import type { ChunkView } from "@/lib/knowledge/documents";
import Link from "next/link";
import { PassageLocation } from "./passage-location";

/** A document's chunks as search returns them, each linking to its passage page. */
export function ChunkList({ chunks }: { chunks: ChunkView[] }) {
  if (chunks.length === 0) return <p className="muted">No chunks.</p>;
  return (
    <ol className="kn-chunks" data-testid="chunk-list" aria-label="Chunks" tabIndex={0}>
      {chunks.map((chunk) => (
        <li key={chunk.id} className="kn-chunk">
          <div className="kn-chunk-meta">
            <Link href={`/knowledge/passages/${chunk.id}`}>#{chunk.ordinal + 1}</Link>
            <PassageLocation {...chunk} />
            <span className="muted">{chunk.tokenCount} tokens</span>
          </div>
          <pre className="kn-chunk-text">{chunk.text}</pre>
        </li>
      ))}
    </ol>
  );
}
