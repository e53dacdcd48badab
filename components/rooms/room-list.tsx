import Link from "next/link";
import "./rooms.css";

export interface RoomListItem {
  id: string;
  name: string;
  description: string;
  role: string;
  memberCount: number;
  updatedAt: string;
}

const formatter = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function RoomList({ rooms }: { rooms: RoomListItem[] }) {
  if (rooms.length === 0) return <p className="muted">No rooms yet. Create one, or ask a room owner to invite you.</p>;
  return (
    <ul className="room-list" aria-label="Rooms">
      {rooms.map((room) => (
        <li key={room.id}>
          <Link href={`/rooms/${room.id}`} className="room-link">
            <span className="room-name">{room.name}</span>
            <span className={`badge role-${room.role}`}>{room.role}</span>
          </Link>
          {room.description && <p className="room-description">{room.description}</p>}
          <p className="room-meta">
            {room.memberCount} {room.memberCount === 1 ? "member" : "members"} · updated {formatter.format(new Date(room.updatedAt))} UTC
          </p>
        </li>
      ))}
    </ul>
  );
}
