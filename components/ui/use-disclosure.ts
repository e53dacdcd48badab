"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type MouseEvent } from "react";

/**
 * A show/hide panel driven by a button (the WAI-ARIA disclosure pattern) that closes on Esc
 * (focus back on the button), on a click outside it, when a link inside it is followed, and when
 * the address changes.
 */
export function useDisclosure(panelId: string) {
  const pathname = usePathname();
  // Open only on the page it was opened on, so any navigation closes it without an effect.
  const [openedAt, setOpenedAt] = useState<string | null>(null);
  const open = openedAt === pathname;
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpenedAt(null);
      buttonRef.current?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!document.getElementById(panelId)?.contains(target) && !buttonRef.current?.contains(target)) setOpenedAt(null);
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [open, panelId]);

  const close = () => setOpenedAt(null);
  return {
    open,
    close,
    buttonProps: {
      ref: buttonRef,
      type: "button" as const,
      "aria-expanded": open,
      "aria-controls": panelId,
      onClick: () => setOpenedAt(open ? null : pathname),
    },
    panelProps: {
      id: panelId,
      onClick: (event: MouseEvent<HTMLElement>) => {
        if (event.target instanceof Element && event.target.closest("a[href]")) close();
      },
    },
  };
}
