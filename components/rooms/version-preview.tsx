"use client";

import type { FileContent } from "@/lib/collab/room-files";
import { useEffect, useState } from "react";
import type { VersionItem } from "./history-panel";

/** A saved version's files, read-only, in place of the editor. */
export function VersionPreview({ roomId, version, onClose }: { roomId: string; version: VersionItem; onClose(): void }) {
  const [files, setFiles] = useState<FileContent[] | null>(null);
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/rooms/${encodeURIComponent(roomId)}/versions/${encodeURIComponent(version.id)}`)
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { files: FileContent[] };
        if (!cancelled) setFiles(body.files);
      })
      .catch(() => !cancelled && setError("This version could not be loaded."));
    return () => {
      cancelled = true;
    };
  }, [roomId, version.id]);

  const file = files?.[selected];
  return (
    <div className="version-preview" aria-label={`Preview of ${version.label}`}>
      <div className="preview-head">
        <strong>Preview: {version.label}</strong>
        <span className="badge">read-only</span>
        {files && files.length > 0 && (
          <select aria-label="File in this version" value={selected} onChange={(e) => setSelected(Number(e.target.value))}>
            {files.map((f, i) => (
              <option key={f.path} value={i}>
                {f.path}
              </option>
            ))}
          </select>
        )}
        <button type="button" className="btn btn-secondary btn-small" onClick={onClose}>
          Close preview
        </button>
      </div>
      {error && <div className="alert alert-error">{error}</div>}
      {files && files.length === 0 && <p className="muted">This version has no files.</p>}
      {file && <pre className="preview-body">{file.content}</pre>}
    </div>
  );
}
