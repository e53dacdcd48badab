"use client";

import type { DocumentSummary } from "@/lib/knowledge/documents";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { filesFromDrop, filesFromInput, type PickedFile } from "./collect-files";
import { UploadRow, type UploadItem } from "./upload-row";
import { uploadFile } from "./upload-file";
import { isActive } from "./status-labels";

const MAX_FILES_PER_DROP = 500;
const PARALLEL_UPLOADS = 3;
const POLL_MS = 1000;

/**
 * Drop zone and pickers (files or a whole folder). Each file shows its upload bytes, then its
 * ingestion stages from the server until ready or failed with the reason; the server keeps going
 * if the page is closed.
 */
export function Uploader({ roomId, maxFileBytes }: { roomId: string | null; maxFileBytes: number }) {
  const router = useRouter();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const nextKey = useRef(0);
  const queue = useRef<{ key: number; picked: PickedFile }[]>([]);
  const running = useRef(0);

  const update = useCallback((key: number, patch: Partial<UploadItem>) => {
    setItems((all) => all.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }, []);

  /** Starts upload lanes (at most PARALLEL_UPLOADS); each takes files from the queue until it is empty. */
  const pump = useCallback(() => {
    const lane = async () => {
      running.current++;
      try {
        for (let next = queue.current.shift(); next; next = queue.current.shift()) {
          const { key, picked } = next;
          update(key, { phase: "uploading" });
          const outcome = await uploadFile(picked.file, picked.path, roomId, (sent) => update(key, { sent }));
          if (outcome.ok) update(key, { phase: "processing", sent: picked.file.size, document: outcome.document });
          else update(key, { phase: "failed", failureCode: outcome.code, failureMessage: outcome.message });
        }
      } finally {
        running.current--;
      }
    };
    const lanes = Math.min(PARALLEL_UPLOADS - running.current, queue.current.length);
    for (let i = 0; i < lanes; i++) void lane();
  }, [roomId, update]);

  const add = useCallback(
    (picked: PickedFile[]) => {
      const added: UploadItem[] = picked.map(({ file, path }) => {
        const key = nextKey.current++;
        if (file.size > maxFileBytes) {
          const limit = `${Math.round(maxFileBytes / (1024 * 1024))} MB`;
          return { key, path, size: file.size, sent: 0, phase: "failed", failureCode: "TOO_LARGE", failureMessage: `Files up to ${limit} can be added.` };
        }
        queue.current.push({ key, picked: { file, path } });
        return { key, path, size: file.size, sent: 0, phase: "waiting" };
      });
      setItems((all) => [...added, ...all]);
      pump();
    },
    [maxFileBytes, pump],
  );

  const processing = items.filter((item) => item.phase === "processing" && item.document && isActive(item.document.status));
  const pollIds = processing.map((item) => item.document!.id).join(",");
  useEffect(() => {
    if (!pollIds) return;
    const timer = setTimeout(async () => {
      const res = await fetch(`/api/knowledge/status?ids=${encodeURIComponent(pollIds)}`, { cache: "no-store" }).catch(() => null);
      const body = res?.ok ? ((await res.json()) as { documents: DocumentSummary[] }) : null;
      if (!body) return;
      const byId = new Map(body.documents.map((doc) => [doc.id, doc]));
      setItems((all) => all.map((item) => (item.document && byId.has(item.document.id) ? { ...item, document: byId.get(item.document.id)! } : item)));
      if (body.documents.some((doc) => !isActive(doc.status))) router.refresh();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [pollIds, items, router]);

  return (
    <section className="card kn-uploader" aria-label="Add documents">
      <div
        className={`kn-dropzone${dragging ? " kn-dropzone-active" : ""}`}
        data-testid="knowledge-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void filesFromDrop(e.dataTransfer, MAX_FILES_PER_DROP).then(add);
        }}
      >
        <div className="kn-drop-title">Drop files or folders here</div>
        <div className="muted">PDF, Word, Markdown, text, HTML, code, JSON, YAML, CSV — up to {Math.round(maxFileBytes / (1024 * 1024))} MB a file</div>
        <div className="row-actions kn-pickers">
          <label className="btn btn-secondary btn-small">
            Choose files
            <input type="file" multiple hidden data-testid="knowledge-file-input" onChange={(e) => add(filesFromInput(e.target.files, MAX_FILES_PER_DROP))} />
          </label>
          <label className="btn btn-secondary btn-small">
            Choose a folder
            <input
              type="file"
              hidden
              multiple
              {...{ webkitdirectory: "" }}
              onChange={(e) => add(filesFromInput(e.target.files, MAX_FILES_PER_DROP))}
            />
          </label>
        </div>
      </div>
      {items.length > 0 && (
        <ul className="kn-upload-list" aria-label="Uploads">
          {items.map((item) => (
            <UploadRow
              key={item.key}
              item={item}
              onReplaced={() =>
                item.document && update(item.key, { phase: "processing", document: { ...item.document, status: "queued", failureCode: null, failureMessage: null } })
              }
            />
          ))}
        </ul>
      )}
    </section>
  );
}
