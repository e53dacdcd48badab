import type { ReactNode } from "react";

/**
 * A wide table's own horizontal scroll box. It is focusable and named so keyboard users can reach
 * and scroll it on a narrow screen (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, className = "table-wrap", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
