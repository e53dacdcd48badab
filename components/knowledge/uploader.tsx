"use client";

import type { DocumentSummary } from "@/lib/knowledge/documents";
import { useCallback, useRef, useState } from "react";
import { AutoRefresh } from "./auto-refresh";
import { filesFromDrop, filesFromInput, type PickedFile } from "./collect-files";
import { RejectedUploads } from "./rejected-uploads";
import { partitionUploads } from "./upload-lists";
import { UploadRow, type UploadItem } from "./upload-row";
import { uploadFile } from "./upload-file";
import { isActive } from "./status-labels";

const MAX_FILES_PER_DROP = 500;
const PARALLEL_UPLOADS = 3;
const REFRESH_MS = 1000;

/**
 * Drop zone and pickers (files or a whole folder). Each file shows its upload bytes, then its
 * ingestion stage until it is settled in the table; refused files are listed apart with the reason.
 * The server keeps going if the page is closed.
 */
export function Uploader({ roomId, maxFileBytes, documents }: { roomId: string | null; maxFileBytes: number; documents: DocumentSummary[] }) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const nextKey = useRef(0);
  const queue = useRef<{ key: number; picked: PickedFile }[]>([]);
  const running = useRef(0);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

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
          if (outcome.ok) update(key, { phase: "uploaded", sent: picked.file.size, documentId: outcome.document.id });
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

  const { inFlight, rejected } = partitionUploads(items, documents);
  const dismiss = (key: string) =>
    setItems((all) => all.filter((item) => `u${item.key}` !== key && `d${item.documentId}` !== key));
  // One clock for the list and the table: the page re-renders both from one query.
  const refreshing = documents.some((doc) => isActive(doc.status)) || inFlight.some(({ item, doc }) => item.phase === "uploaded" && !doc);

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
          <button type="button" className="btn btn-secondary btn-small" onClick={() => filesInput.current?.click()}>
            Choose files
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => folderInput.current?.click()}>
            Choose a folder
          </button>
          <input ref={filesInput} type="file" multiple hidden data-testid="knowledge-file-input" onChange={(e) => add(filesFromInput(e.target.files, MAX_FILES_PER_DROP))} />
          <input ref={folderInput} type="file" hidden multiple {...{ webkitdirectory: "" }} onChange={(e) => add(filesFromInput(e.target.files, MAX_FILES_PER_DROP))} />
        </div>
      </div>
      {inFlight.length > 0 && (
        <ul className="kn-upload-list" aria-label="Uploads" tabIndex={0}>
          {inFlight.map(({ item, doc }) => (
            <UploadRow key={item.key} item={item} doc={doc} />
          ))}
        </ul>
      )}
      <RejectedUploads rejected={rejected} onDismiss={dismiss} />
      <AutoRefresh active={refreshing} intervalMs={REFRESH_MS} />
    </section>
  );
}
