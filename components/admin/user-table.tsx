"use client";

import type { ActionResult } from "@/lib/forms/action-result";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { TableScroll } from "../ui/table-scroll";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  createdAt: string;
  lastSeenAt: string | null;
}

type Update = { kind: "role"; userId: string; role: "admin" | "member" } | { kind: "disabled"; userId: string; disabled: boolean };

interface Props {
  users: UserRow[];
  currentUserId: string;
  update: (input: Update) => Promise<ActionResult>;
}

const formatter = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function UserTable({ users, currentUserId, update }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function apply(input: Update) {
    setError(null);
    startTransition(async () => {
      const result = await update(input);
      if (!result.ok) setError(result.message ?? "The change was refused.");
      router.refresh();
    });
  }

  return (
    <>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <TableScroll label="Users">
        <table aria-label="Users">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Status</th>
              <th>Created</th>
              <th>Last seen</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const self = user.id === currentUserId;
              return (
                <tr key={user.id} data-email={user.email}>
                  <td>
                    {user.name} {self && <span className="muted">(you)</span>}
                  </td>
                  <td>{user.email}</td>
                  <td>
                    <select
                      aria-label={`Role of ${user.email}`}
                      value={user.role}
                      disabled={self || pending}
                      onChange={(e) => apply({ kind: "role", userId: user.id, role: e.target.value as "admin" | "member" })}
                    >
                      <option value="member">member</option>
                      <option value="admin">admin</option>
                    </select>
                  </td>
                  <td>
                    <span className={`badge ${user.disabled ? "badge-danger" : "badge-ok"}`}>
                      {user.disabled ? "disabled" : "active"}
                    </span>
                  </td>
                  <td className="muted">{formatter.format(new Date(user.createdAt))}</td>
                  <td className="muted">{user.lastSeenAt ? formatter.format(new Date(user.lastSeenAt)) : "never"}</td>
                  <td>
                    {!self && (
                      <button
                        type="button"
                        className={`btn btn-small ${user.disabled ? "btn-secondary" : "btn-danger"}`}
                        disabled={pending}
                        onClick={() => apply({ kind: "disabled", userId: user.id, disabled: !user.disabled })}
                      >
                        {user.disabled ? "Enable" : "Disable"}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
