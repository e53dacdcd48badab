import "server-only";
import { isAdmin, type SessionUser } from "@/lib/auth/roles";
import { DEFAULT_THEME, loadTheme, type Theme } from "@/lib/auth/theme";
import { loadActiveUser } from "@/lib/auth/users";
import { getServerSession } from "next-auth/next";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getAuthOptions, getDb } from "./runtime";

/** The signed-in, enabled user of this request, or null. Loaded once per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return loadActiveUser(await getDb(), id);
});

/** The signed-in user's theme; signed-out pages follow the system. */
export const getCurrentTheme = cache(async (): Promise<Theme> => {
  const user = await getCurrentUser();
  return user ? loadTheme(await getDb(), user.id) : DEFAULT_THEME;
});

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?error=SESSION_ENDED");
  return user;
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (!isAdmin(user)) forbidden();
  return user;
}
