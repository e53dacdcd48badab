"use client";

import type { ReactNode } from "react";
import { useDisclosure } from "../ui/use-disclosure";

/** The app's navigation: a fixed column on wide screens, a top bar with a Menu button on narrow ones. */
export function Sidebar({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  const menu = useDisclosure("app-menu");
  return (
    <aside className={`sidebar${menu.open ? " menu-open" : ""}`}>
      <div className="sidebar-top">
        {brand}
        <button {...menu.buttonProps} className="menu-toggle">
          <span className="menu-toggle-bars" aria-hidden />
          Menu
        </button>
      </div>
      <div className="sidebar-menu" {...menu.panelProps}>
        {children}
      </div>
    </aside>
  );
}
