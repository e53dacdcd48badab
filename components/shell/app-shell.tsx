import { isAdmin, type SessionUser } from "@/lib/auth/roles";
import type { ReactNode } from "react";
import { Brand } from "../ui/brand";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { NavLinks, type NavItem } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

/** The product's areas; each feature adds its entry here. */
function navFor(user: SessionUser): NavItem[] {
  const items: NavItem[] = [{ href: "/", label: "Home" }];
  items.push({ href: "/chat", label: "Chat" });
  items.push({ href: "/rooms", label: "Rooms" });
  items.push({ href: "/knowledge", label: "Knowledge" });
  items.push({ href: "/dashboard", label: "Dashboard" });
  if (isAdmin(user)) items.push({ href: "/admin", label: "Admin" });
  return items;
}

export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  return (
    <div className="shell">
      <aside className="sidebar">
        <Brand />
        <NavLinks items={navFor(user)} />
        <div className="account">
          <div className="who" data-testid="current-user">
            {user.name}
          </div>
          <div className="email">{user.email}</div>
          <SignOutButton />
        </div>
      </aside>
      <main className="main">{children}</main>
      <KeyboardShortcuts />
    </div>
  );
}
