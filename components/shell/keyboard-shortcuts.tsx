"use client";

import { isSaveShortcut, isTypingTarget, useReturnFocus } from "@/components/ui/keyboard";
import { useEffect, useRef, useState } from "react";
import "./keyboard.css";

const SHORTCUTS: [keys: string[], what: string][] = [
  [["?"], "Show this list"],
  [["Esc"], "Close a dialog, menu or form"],
  [["Ctrl/⌘ + S"], "In a room's editor: save a named version (elsewhere changes are saved live)"],
  [["Ctrl/⌘ + Z", "Ctrl/⌘ + Shift + Z"], "Undo and redo your own edits in a room"],
  [["Enter", "Shift + Enter"], "Send a chat message, or start a new line in it"],
  [["Tab", "Shift + Tab"], "Move between controls"],
];

/**
 * App-wide keys: `?` opens the shortcut list; Ctrl/Cmd+S never opens the browser's save dialog —
 * pages with versions handle it first (and prevent the default), everywhere else it says that
 * changes are saved live.
 */
export function KeyboardShortcuts() {
  const dialog = useRef<HTMLDialogElement>(null);
  const focus = useReturnFocus();
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      if (isSaveShortcut(event)) {
        event.preventDefault();
        setNotice({ text: "Changes are saved live.", at: Date.now() });
      } else if (event.key === "?" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target) && !dialog.current?.open) {
        event.preventDefault();
        focus.remember();
        dialog.current?.showModal();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [focus]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 2500);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <>
      <dialog ref={dialog} className="shortcuts-dialog" aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog" onClose={() => focus.restore()}>
        <form method="dialog" className="shortcuts-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button type="submit" className="btn btn-secondary btn-small" aria-label="Close keyboard shortcuts">
            Close
          </button>
        </form>
        <dl className="shortcuts-list">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={what}>
              <dt>
                {keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </dialog>
      <div className="shortcut-notice" role="status" data-testid="shortcut-notice">
        {notice?.text}
      </div>
    </>
  );
}
