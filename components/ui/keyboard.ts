import { useEffect, useMemo, useRef } from "react";

/** Whether a key press goes into something the user types in (a field, or Monaco's hidden textarea). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest(".monaco-editor") !== null;
}

/** Ctrl+S, or Cmd+S on a Mac. */
export function isSaveShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "s";
}

/** A keydown handler for an inline form or menu: Esc runs `close` and goes no further. */
export function onEscape(close: () => void) {
  return (event: React.KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };
}

/**
 * Remembers the control that opened something and gives focus back to it when that thing closes,
 * if the control is still on the page.
 */
export function useReturnFocus() {
  const opener = useRef<HTMLElement | null>(null);
  return useMemo(
    () => ({
      remember() {
        opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      },
      restore() {
        const target = opener.current;
        opener.current = null;
        if (target?.isConnected) target.focus();
      },
    }),
    [],
  );
}

/** For a control that its form replaces while open: focuses the control again once the form closes. */
export function useRefocusOnClose<T extends HTMLElement>(open: boolean) {
  const control = useRef<T>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      control.current?.focus();
    }
  }, [open]);
  return control;
}
