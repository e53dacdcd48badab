import { isAdmin, type SessionUser } from "@/lib/auth/roles";
import type { Theme } from "@/lib/auth/theme";
import Link from "next/link";
import type { ReactNode } from "react";
import { Brand } from "../ui/brand";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { NavLinks, type NavItem } from "./nav-links";
import { Sidebar } from "./sidebar";
import { SignOutButton } from "./sign-out-button";
import { ThemeSwitcher } from "./theme-switcher";

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

export function AppShell({ user, theme, children }: { user: SessionUser; theme: Theme; children: ReactNode }) {
  return (
    <div className="shell">
      <Sidebar brand={<Brand />}>
        <NavLinks items={navFor(user)} />
        <div className="account">
          <Link href="/profile" className="who" data-testid="current-user" title="Your profile and API tokens">
            {user.name}
          </Link>
          <div className="email">{user.email}</div>
          <ThemeSwitcher initial={theme} />
          <SignOutButton />
        </div>
      </Sidebar>
      <main className="main">{children}</main>
      <KeyboardShortcuts />
    </div>
  );
}
