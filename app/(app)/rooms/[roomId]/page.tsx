import { requireUser } from "@/app/_server/session";
import { RoomClient } from "@/components/rooms/room-client";
import { getConfig } from "@/lib/config";
import type { Metadata } from "next";
import { loadRoomOr404 } from "../load-room";

export async function generateMetadata({ params }: { params: Promise<{ roomId: string }> }): Promise<Metadata> {
  const { roomId } = await params;
  const user = await requireUser();
  const room = await loadRoomOr404(roomId, user.id);
  return { title: room.name };
}

export default async function RoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  const user = await requireUser();
  const room = await loadRoomOr404(roomId, user.id);
  const { env } = getConfig();
  return (
    <RoomClient
      room={{ id: room.id, name: room.name, role: room.role }}
      user={{ id: user.id, name: user.name }}
      collab={{ publicUrl: env.COLLAB_PUBLIC_URL ?? null, port: env.COLLAB_PORT }}
    />
  );
}
