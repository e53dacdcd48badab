import { getDb } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { CreateRoomForm } from "@/components/rooms/create-room-form";
import { RoomList } from "@/components/rooms/room-list";
import { listRoomsForUser } from "@/lib/collab/rooms";
import type { Metadata } from "next";
import { createRoomAction } from "./actions";

export const metadata: Metadata = { title: "Rooms" };

export default async function RoomsPage() {
  const user = await requireUser();
  const rooms = await listRoomsForUser(await getDb(), user.id);
  return (
    <>
      <div className="page-head">
        <h1>Rooms</h1>
        <p>Shared projects: edit files together live, talk in the room and keep versions.</p>
      </div>
      <div className="rooms-page">
        <section className="card">
          <h2>Your rooms ({rooms.length})</h2>
          <RoomList
            rooms={rooms.map((r) => ({
              id: r.id,
              name: r.name,
              description: r.description,
              role: r.role,
              memberCount: r.memberCount,
              updatedAt: r.updatedAt.toISOString(),
            }))}
          />
        </section>
        <section className="card">
          <h2>New room</h2>
          <CreateRoomForm create={createRoomAction} />
        </section>
      </div>
    </>
  );
}
