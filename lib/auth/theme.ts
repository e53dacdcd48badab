import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";

/** A user's colour theme; "system" follows the browser's `prefers-color-scheme`, live. */
export const themeSchema = z.enum(["system", "light", "dark"]);
export type Theme = z.infer<typeof themeSchema>;

export const DEFAULT_THEME: Theme = "system";

/** The user's stored choice; the default for an unknown user or a value from an older release. */
export async function loadTheme(db: Db, userId: string): Promise<Theme> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { theme: true } });
  const parsed = themeSchema.safeParse(row?.theme);
  return parsed.success ? parsed.data : DEFAULT_THEME;
}

export async function saveTheme(db: Db, userId: string, input: unknown): Promise<Theme> {
  const parsed = themeSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "Choose System, Light or Dark.");
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { theme: parsed.data } });
  if (count === 0) throw new AppError("NOT_FOUND", "No such user.");
  return parsed.data;
}
