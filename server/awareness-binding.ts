import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MalformedMessageError } from "./doc-messages";

export interface AwarenessUser {
  id: string;
  name: string;
}

/**
 * Rewrites a client's awareness update so it can only speak for its own user: every state's `user`
 * becomes the connection's identity (whatever id, name or colour the client claimed), and entries
 * for awareness clients that belong to another user are dropped. `ownerOf` gives the user id of a
 * client's current state, if there is one. Returns null when nothing is left.
 *
 * Wire format (y-protocols/awareness): `[count][clientID clock stateJSON]*`.
 */
export function bindAwarenessUpdate(update: Uint8Array, user: AwarenessUser, ownerOf: (clientId: number) => string | undefined): Uint8Array | null {
  const entries: { clientId: number; clock: number; state: string }[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      const owner = ownerOf(clientId);
      if (owner !== undefined && owner !== user.id) continue;
      entries.push({ clientId, clock, state: JSON.stringify(bindState(state, user)) });
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessageError("trailing bytes after the awareness update");
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err;
    throw new MalformedMessageError(`bad awareness update: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (entries.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

/** A null state (the client left) stays null; anything else carries exactly the connection's user. */
function bindState(state: unknown, user: AwarenessUser): Record<string, unknown> | null {
  if (state === null) return null;
  const fields = typeof state === "object" && !Array.isArray(state) ? (state as Record<string, unknown>) : {};
  return { ...fields, user: { id: user.id, name: user.name } };
}

/** The user id a stored awareness state claims, if any. */
export function awarenessUserId(state: unknown): string | undefined {
  if (typeof state !== "object" || state === null) return undefined;
  const user = (state as { user?: unknown }).user;
  const id = typeof user === "object" && user !== null ? (user as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : undefined;
}
