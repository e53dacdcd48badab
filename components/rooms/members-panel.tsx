"use client";

import type { ActionResult } from "@/lib/forms/action-result";
import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import "./rooms.css";
import { TableScroll } from "../ui/table-scroll";

type Role = "owner" | "editor" | "viewer";
type Action<I> = (input: I) => Promise<ActionResult>;

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
}

interface Props {
  currentUserId: string;
  room: { id: string; name: string; description: string; role: Role };
  members: MemberRow[];
  actions: {
    invite: Action<{ roomId: string; email: string; role: "editor" | "viewer" }>;
    changeRole: Action<{ roomId: string; userId: string; role: Role }>;
    remove: Action<{ roomId: string; userId: string }>;
    leave: Action<{ roomId: string }>;
    update: Action<{ roomId: string; name: string; description: string }>;
    deleteRoom: Action<{ roomId: string }>;
  };
  /** Owner-only sections (e.g. webhooks), shown above "Leave or delete". */
  children?: ReactNode;
}

function firstError(result: ActionResult): string {
  if (result.ok) return "";
  return result.message ?? Object.values(result.fieldErrors ?? {})[0] ?? "The change was refused.";
}

export function MembersPanel({ currentUserId, room, members, actions, children }: Props) {
  const router = useRouter();
  const owner = room.role === "owner";
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [email, setEmail] = useState("");
  const [inviteRole, setInviteRole] = useState<"editor" | "viewer">("editor");
  const [name, setName] = useState(room.name);
  const [description, setDescription] = useState(room.description);

  function apply(work: () => Promise<ActionResult>, done?: string, then?: () => void) {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await work();
      if (!result.ok) {
        setError(firstError(result));
        return;
      }
      if (done) setNotice(done);
      if (then) then();
      else router.refresh();
    });
  }

  return (
    <div className="members-page">
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {notice && (
        <div className="alert alert-info" role="status">
          {notice}
        </div>
      )}
      <section className="card">
        <h2>Members ({members.length})</h2>
        <TableScroll label="Members">
          <table aria-label="Members">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Role</th>
                <th>
                <span className="sr-only">Actions</span>
              </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId} data-email={m.email}>
                  <td>
                    {m.name} {m.userId === currentUserId && <span className="muted">(you)</span>}
                  </td>
                  <td>{m.email}</td>
                  <td>
                    {owner ? (
                      <select
                        aria-label={`Role of ${m.email}`}
                        value={m.role}
                        disabled={pending}
                        onChange={(e) =>
                          apply(() => actions.changeRole({ roomId: room.id, userId: m.userId, role: e.target.value as Role }), "Role changed.")
                        }
                      >
                        <option value="owner">owner</option>
                        <option value="editor">editor</option>
                        <option value="viewer">viewer</option>
                      </select>
                    ) : (
                      <span className={`badge role-${m.role}`}>{m.role}</span>
                    )}
                  </td>
                  <td>
                    {owner && m.userId !== currentUserId && (
                      <button
                        type="button"
                        className="btn btn-danger btn-small"
                        disabled={pending}
                        onClick={() => apply(() => actions.remove({ roomId: room.id, userId: m.userId }), `${m.name} was removed.`)}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      {owner && (
        <section className="card">
          <h2>Invite someone</h2>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              apply(() => actions.invite({ roomId: room.id, email, role: inviteRole }), `${email} was added.`, () => {
                setEmail("");
                router.refresh();
              });
            }}
          >
            <div className="field grow">
              <label htmlFor="invite-email">Email of an existing account</label>
              <input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
            </div>
            <div className="field">
              <label htmlFor="invite-role">Role</label>
              <select id="invite-role" value={inviteRole} onChange={(e) => setInviteRole(e.target.value as "editor" | "viewer")}>
                <option value="editor">editor</option>
                <option value="viewer">viewer</option>
              </select>
            </div>
            <button className="btn" type="submit" disabled={pending}>
              Invite
            </button>
          </form>
        </section>
      )}
      {owner && (
        <section className="card">
          <h2>Room settings</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              apply(() => actions.update({ roomId: room.id, name, description }), "Saved.");
            }}
          >
            <div className="field">
              <label htmlFor="settings-name">Name</label>
              <input id="settings-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
            </div>
            <div className="field">
              <label htmlFor="settings-description">Description</label>
              <textarea id="settings-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} rows={2} />
            </div>
            <button className="btn" type="submit" disabled={pending}>
              Save
            </button>
          </form>
        </section>
      )}
      {children}
      <section className="card danger-zone">
        <h2>Leave or delete</h2>
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-secondary"
            disabled={pending}
            onClick={() => {
              if (window.confirm(`Leave “${room.name}”?`)) apply(() => actions.leave({ roomId: room.id }), undefined, () => router.push("/rooms"));
            }}
          >
            Leave room
          </button>
          {owner && (
            <button
              type="button"
              className="btn btn-danger"
              disabled={pending}
              onClick={() => {
                if (window.confirm(`Delete “${room.name}” with all its files, chat and versions?`)) {
                  apply(() => actions.deleteRoom({ roomId: room.id }), undefined, () => router.push("/rooms"));
                }
              }}
            >
              Delete room
            </button>
          )}
        </div>
      </section>
    </div>
  );
}
