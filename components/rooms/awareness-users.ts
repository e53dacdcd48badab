import { USER_COLORS } from "@/lib/collab/user-colors";
import type { Awareness } from "y-protocols/awareness";
import { z } from "zod";

/** What each client puts in its awareness state (besides y-monaco's `selection`). Remote states are untrusted. */
const stateSchema = z.object({
  user: z.object({ id: z.string().min(1).max(128), name: z.string().max(200), color: z.string() }),
  file: z.string().max(1024).nullable().optional(),
});

export interface AwarenessUser {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  file: string | null;
}

function safeColor(color: string): string {
  return (USER_COLORS as readonly string[]).includes(color) ? color : USER_COLORS[0];
}

/** Every connected client's user and open file, parsed; malformed states are skipped. */
export function awarenessUsers(awareness: Awareness): AwarenessUser[] {
  const users: AwarenessUser[] = [];
  for (const [clientId, raw] of awareness.getStates()) {
    const parsed = stateSchema.safeParse(raw);
    if (!parsed.success) continue;
    const { user, file } = parsed.data;
    users.push({ clientId, userId: user.id, name: user.name, color: safeColor(user.color), file: file ?? null });
  }
  return users;
}

/** A CSS string literal for untrusted text (names go into `content:` of cursor labels). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** Colours and name labels for remote cursors and selections rendered by y-monaco. */
export function remoteCursorCss(users: AwarenessUser[], ownClientId: number): string {
  return users
    .filter((u) => u.clientId !== ownClientId && Number.isInteger(u.clientId))
    .map(
      (u) =>
        `.yRemoteSelection-${u.clientId}{background-color:${u.color}33}` +
        `.yRemoteSelectionHead-${u.clientId}{border-left:2px solid ${u.color}}` +
        `.yRemoteSelectionHead-${u.clientId}::after{content:${cssString(u.name)};background:${u.color}}`,
    )
    .join("\n");
}
