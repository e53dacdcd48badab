import { requireUser } from "@/app/_server/session";
import { isAdmin } from "@/lib/auth/roles";
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const user = await requireUser();
  return (
    <>
      <div className="page-head">
        <h1>Welcome, {user.name}</h1>
        <p>Your team&apos;s workspace for writing code together with an AI assistant.</p>
      </div>
      <div className="grid">
        <div className="card stat">
          <div className="label">Signed in as</div>
          <div className="value">{user.email}</div>
        </div>
        <div className="card stat">
          <div className="label">Role</div>
          <div className="value">
            <span className={`badge ${isAdmin(user) ? "badge-admin" : ""}`}>{user.role}</span>
          </div>
        </div>
        {isAdmin(user) && (
          <div className="card stat">
            <div className="label">Administration</div>
            <div className="value">
              <Link href="/admin">Manage users →</Link>
            </div>
          </div>
        )}
      </div>
    </>
  );
}
