"use client";

import { languageForPath } from "@/lib/collab/languages";
import type { FileContent } from "@/lib/collab/room-files";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import type { VersionItem } from "./history-panel";

const VersionDiff = dynamic(() => import("./version-diff"), {
  ssr: false,
  loading: () => <div className="editor-loading">Loading changes…</div>,
});

interface Props {
  roomId: string;
  version: VersionItem;
  /** The file at `path` as it is in the room now; null when there is no such file. */
  currentContent(path: string): string | null;
  onClose(): void;
}

/** The first file that differs from the room now (an unchanged file shows an empty diff), else the first. */
function firstChanged(files: FileContent[], currentContent: (path: string) => string | null): number {
  return Math.max(0, files.findIndex((f) => currentContent(f.path) !== f.content));
}

function changeLabel(saved: string, current: string | null): string {
  if (current === null) return "deleted since";
  return current === saved ? "unchanged" : "changed since";
}

/** A saved version's files, read-only, each shown against what the room holds now; Esc closes it. */
export function VersionPreview({ roomId, version, currentContent, onClose }: Props) {
  const [files, setFiles] = useState<FileContent[] | null>(null);
  /** Set once the files arrive (to the first changed one), then by the user: edits in the room do not move it. */
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented) onClose();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [onClose]);

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/rooms/${encodeURIComponent(roomId)}/versions/${encodeURIComponent(version.id)}`)
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { files: FileContent[] };
        if (cancelled) return;
        setFiles(body.files);
        setSelected(null);
      })
      .catch(() => !cancelled && setError("This version could not be loaded."));
    return () => {
      cancelled = true;
    };
  }, [roomId, version.id]);

  if (files && selected === null) setSelected(firstChanged(files, currentContent));
  const file = selected === null ? undefined : files?.[selected];
  const current = file ? currentContent(file.path) : null;
  return (
    <div className="version-preview" aria-label={`Preview of ${version.label}`}>
      <div className="preview-head">
        <strong>Preview: {version.label}</strong>
        <span className="badge">read-only</span>
        {files && files.length > 0 && (
          <select aria-label="File in this version" value={selected ?? 0} onChange={(e) => setSelected(Number(e.target.value))}>
            {files.map((f, i) => (
              <option key={f.path} value={i}>
                {f.path} ({changeLabel(f.content, currentContent(f.path))})
              </option>
            ))}
          </select>
        )}
        <span className="muted preview-legend">Compared with now: green was added since, red was removed</span>
        <button type="button" className="btn btn-secondary btn-small" onClick={onClose}>
          Close preview
        </button>
      </div>
      {error && <div className="alert alert-error">{error}</div>}
      {files && files.length === 0 && <p className="muted">This version has no files.</p>}
      {file && (
        <div className="preview-body" data-testid="version-diff">
          <VersionDiff key={`${version.id}:${file.path}`} saved={file.content} current={current ?? ""} language={languageForPath(file.path)} />
        </div>
      )}
    </div>
  );
}
