import { roomSchema, type RoomSummary } from "./api-schemas";
import { CliError, EXIT } from "./exit-codes";
import type { ApiClient } from "./http-client";

/** A room named on the command line by its id or its exact name, among the caller's rooms. */
export async function resolveRoom(client: ApiClient, ref: string): Promise<RoomSummary> {
  const rooms = await client.all(roomSchema, "/api/v1/rooms");
  const byId = rooms.find((r) => r.id === ref);
  if (byId) return byId;
  const named = rooms.filter((r) => r.name === ref);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    throw new CliError(EXIT.usage, `${named.length} of your rooms are named "${ref}"; pass one's id: ${named.map((r) => r.id).join(", ")}.`);
  }
  throw new CliError(EXIT.notFound, `None of your rooms has the id or name "${ref}".`);
}

/**
 * The id of a room for chat and knowledge commands. A token without `rooms:read` cannot list
 * rooms, so there the reference is taken as an id and the server checks it.
 */
export async function resolveRoomId(client: ApiClient, ref: string | undefined): Promise<string | undefined> {
  if (ref === undefined) return undefined;
  try {
    return (await resolveRoom(client, ref)).id;
  } catch (err) {
    if (err instanceof CliError && err.code === "INSUFFICIENT_SCOPE") return ref;
    throw err;
  }
}
