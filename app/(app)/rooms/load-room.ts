import "server-only";
import { getDb } from "@/app/_server/runtime";
import { roomIdSchema } from "@/lib/collab/room-schemas";
import { getRoomForMember, type RoomDetails } from "@/lib/collab/rooms";
import { isAppError } from "@/lib/errors/app-error";
import { notFound } from "next/navigation";
import { cache } from "react";

/** The room for one of its members; a 404 page for anyone else and for malformed ids. */
export const loadRoomOr404 = cache(async (roomId: string, userId: string): Promise<RoomDetails> => {
  if (!roomIdSchema.safeParse(roomId).success) notFound();
  try {
    return await getRoomForMember(await getDb(), roomId, userId);
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  }
});
