import { DocConnection } from "./doc-connection";

/** Transaction origin of changes relayed from another sidecar: applied, sent on and persisted, never published again. */
export const REMOTE_ORIGIN = Symbol("remote");
export const LOAD_ORIGIN = Symbol("load");

/** Transaction origin of changes the sidecar makes itself on a user's behalf (restoring a version). */
export class ServerEdit {
  constructor(readonly userId: string | null) {}
}

/** The user behind a change to a room's document: a client's or the one the sidecar acted for. */
export function userOf(origin: unknown): string | null {
  if (origin instanceof DocConnection) return origin.identity?.userId ?? null;
  return origin instanceof ServerEdit ? origin.userId : null;
}
