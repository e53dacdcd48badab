"use client";

import { isSaveShortcut, onEscape, useReturnFocus } from "@/components/ui/keyboard";
import { useEffect, useState } from "react";
import type { RoomEventsClient } from "./room-events-client";

/**
 * Ctrl/Cmd+S in a room (instead of the browser's save dialog): a small label field over the editor.
 * Enter saves a named version for the room, Esc cancels; focus goes back where it was (the editor).
 */
export function QuickVersion({ events, canEdit }: { events: RoomEventsClient | null; canEdit: boolean }) {
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const focus = useReturnFocus();

  useEffect(() => {
    if (!canEdit) return;
    function onKeyDown(event: KeyboardEvent) {
      if (!isSaveShortcut(event)) return;
      // Before Monaco and the app-wide handler, which would say "saved live".
      event.preventDefault();
      if (open) return;
      focus.remember();
      setOpen(true);
    }
    window.addEventListener("keydown", onKeyDown, { capture: true });
    return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
  }, [canEdit, open, focus]);

  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(null), 3000);
    return () => clearTimeout(timer);
  }, [saved]);

  function close(savedLabel: string | null) {
    setOpen(false);
    setLabel("");
    setError(null);
    setSaved(savedLabel);
    focus.restore();
  }

  function save(event: React.FormEvent) {
    event.preventDefault();
    const trimmed = label.trim();
    if (!trimmed) return setError("Give the version a label.");
    if (!events?.send("version.save", { label: trimmed })) return setError("Not connected to the room.");
    close(trimmed);
  }

  if (!open) {
    return saved ? (
      <div className="quick-version quick-version-saved" role="status">
        Saved version “{saved}”.
      </div>
    ) : null;
  }
  return (
    <form className="quick-version" aria-label="Save a version" onSubmit={save} onKeyDown={onEscape(() => close(null))}>
      <label htmlFor="quick-version-label">Save version</label>
      <input
        id="quick-version-label"
        autoFocus
        maxLength={120}
        placeholder="Label, then Enter"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
      />
      <button type="submit" className="btn btn-small">
        Save
      </button>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => close(null)}>
        Cancel
      </button>
      {error && (
        <span className="quick-version-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
