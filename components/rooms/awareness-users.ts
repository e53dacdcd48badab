import { assignColors } from "@/lib/collab/user-colors";
import type { Awareness } from "y-protocols/awareness";
import { z } from "zod";

/** What each client puts in its awareness state (besides y-monaco's `selection`). Remote states are untrusted. */
const stateSchema = z.object({
  user: z.object({ id: z.string().min(1).max(128), name: z.string().max(200) }),
  file: z.string().max(1024).nullable().optional(),
});

export interface AwarenessUser {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  file: string | null;
}

/** Every connected client's user, colour and open file, parsed; malformed states are skipped. */
export function awarenessUsers(awareness: Awareness): AwarenessUser[] {
  const states: { clientId: number; state: z.infer<typeof stateSchema> }[] = [];
  for (const [clientId, raw] of awareness.getStates()) {
    const parsed = stateSchema.safeParse(raw);
    if (parsed.success) states.push({ clientId, state: parsed.data });
  }
  const colors = assignColors(states.map((s) => s.state.user.id));
  return states.map(({ clientId, state: { user, file } }) => ({
    clientId,
    userId: user.id,
    name: user.name,
    color: colors.get(user.id)!,
    file: file ?? null,
  }));
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
