import { baseName } from "@/lib/collab/file-paths";
import type { AwarenessUser } from "./awareness-users";

/** Who is in the room (one entry per person, however many tabs) and which file each has open. */
export function PresenceList({ users, selfId }: { users: AwarenessUser[]; selfId: string }) {
  const people = new Map<string, AwarenessUser>();
  for (const user of users) {
    const known = people.get(user.userId);
    if (!known || (!known.file && user.file)) people.set(user.userId, user);
  }
  return (
    <ul className="presence" aria-label="People in the room" data-testid="presence">
      {[...people.values()].map((user) => (
        <li key={user.userId} title={user.file ? `${user.name} — ${user.file}` : user.name}>
          <span className="presence-dot" style={{ background: user.color }} aria-hidden />
          <span className="presence-name">
            {user.name}
            {user.userId === selfId && " (you)"}
          </span>
          {user.file && <span className="presence-file">{baseName(user.file)}</span>}
        </li>
      ))}
    </ul>
  );
}
