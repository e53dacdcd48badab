"use client";

import { useCallback, useEffect, useState } from "react";
import type { RoomEventsClient } from "./room-events-client";

export interface VersionItem {
  id: string;
  label: string;
  auto: boolean;
  createdAt: string;
  author: string | null;
}

interface Props {
  roomId: string;
  events: RoomEventsClient | null;
  canEdit: boolean;
  onPreview(version: VersionItem): void;
}

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "short", timeStyle: "medium" });

/** Saved versions and automatic checkpoints: save with a label, preview read-only, restore. */
export function HistoryPanel({ roomId, events, canEdit, onPreview }: Props) {
  const [versions, setVersions] = useState<VersionItem[]>([]);
  const [label, setLabel] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(
    () =>
      fetch(`/api/rooms/${encodeURIComponent(roomId)}/versions`)
        .then(async (response) => {
          if (!response.ok) throw new Error(String(response.status));
          setVersions(((await response.json()) as { versions: VersionItem[] }).versions);
        })
        .catch(() => setError("The version list could not be loaded.")),
    [roomId],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      events?.subscribe((event) => {
        if (event.event_type === "version.saved") {
          void refresh();
        } else if (event.event_type === "version.restored") {
          setNotice(`Restored “${event.payload.label}”. To undo, restore the version saved just before it.`);
          void refresh();
        } else if (event.event_type === "error" && event.payload.rejected_event_type?.startsWith("version.")) {
          setError(event.payload.message);
        }
      }),
    [events, refresh],
  );

  function save(event: React.FormEvent) {
    event.preventDefault();
    if (!label.trim()) return;
    setError(null);
    if (!events?.send("version.save", { label: label.trim() })) return setError("Not connected to the room.");
    setNotice(`Saved “${label.trim()}”.`);
    setLabel("");
  }

  function restore(version: VersionItem) {
    if (!window.confirm(`Restore “${version.label}” for everyone in the room? The current state is saved first.`)) return;
    setError(null);
    if (!events?.send("version.restore", { version_id: version.id })) setError("Not connected to the room.");
  }

  return (
    <div className="history-panel">
      {canEdit && (
        <form className="inline-form" onSubmit={save}>
          <input aria-label="Version label" placeholder="Name this version" value={label} maxLength={120} onChange={(e) => setLabel(e.target.value)} />
          <button className="btn btn-small" type="submit">
            Save version
          </button>
        </form>
      )}
      {notice && (
        <div className="alert alert-info" role="status">
          {notice}
        </div>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <p className="muted small">Checkpoints are also saved automatically while people edit.</p>
      <ul className="version-list" aria-label="Versions">
        {versions.length === 0 && <li className="muted">No versions yet.</li>}
        {versions.map((v) => (
          <li key={v.id} data-testid="version">
            <div className="version-label">
              {v.label} {v.auto && <span className="badge">auto</span>}
            </div>
            <div className="version-meta">
              {timeFormat.format(new Date(v.createdAt))}
              {v.author ? ` · ${v.author}` : ""}
            </div>
            <div className="row-actions">
              <button type="button" className="btn btn-secondary btn-small" onClick={() => onPreview(v)}>
                Preview
              </button>
              {canEdit && (
                <button type="button" className="btn btn-secondary btn-small" onClick={() => restore(v)}>
                  Restore
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
